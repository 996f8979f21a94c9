"""How a person is named wherever the application shows one: "A. de Vries (adevries)", so that two people of one
name stay apart; the username alone for someone without a name. One rule for pages, mail, files and history."""


def person_label(user):
    if user is None:
        return ""
    full_name = user.get_full_name()
    return f"{full_name} ({user.username})" if full_name else user.username


def person_addressed(user):
    """How a mail greets its reader: by name, without the username that tells two people apart elsewhere."""
    return user.get_full_name() or user.username
