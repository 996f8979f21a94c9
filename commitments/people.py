"""How a person is named wherever the application shows one: "A. de Vries (adevries)", so that two people of one
name stay apart; the username alone for someone without a name. One rule for pages, mail, files and history."""


def person_label(user):
    if user is None:
        return ""
    return name_label(user.username, user.get_full_name())


def name_label(username, full_name):
    """person_label() of a person read as values (a file of thousands of rows reads no user instances)."""
    return f"{full_name} ({username})" if full_name else username


def person_addressed(user):
    """How a mail greets its reader: by name, without the username that tells two people apart elsewhere."""
    return user.get_full_name() or user.username
