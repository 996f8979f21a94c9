from django import template

from commitments.people import person_addressed, person_label

register = template.Library()


@register.filter
def person(user):
    """{{ user|person }}: the person as the application names them everywhere (commitments.people)."""
    return person_label(user)


@register.filter
def addressed(user):
    """{{ recipient|addressed }}: the name a mail greets its reader by (commitments.people)."""
    return person_addressed(user)
