from django import template

from commitments.people import person_label

register = template.Library()


@register.filter
def person(user):
    """{{ user|person }}: the person as the application names them everywhere (commitments.people)."""
    return person_label(user)
