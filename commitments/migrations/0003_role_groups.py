"""The four roles of DESIGN.md §4 are Django groups; they exist from the start on every database."""

from django.db import migrations

ROLES = ("medewerker", "reviewer", "manager", "beheerder")


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("commitments", "0002_reminder"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
