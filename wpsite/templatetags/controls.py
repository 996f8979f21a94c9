"""The attributes of a form control, with the NL Design System's class of its kind first and a class the form gives
after it: the one rule behind templates/django/forms/widgets/attrs.html (every Django widget template includes it)
and the options that commitments.forms writes itself. In Python because a template for it was the dearest part of
the register's form (some 0.1 ms a control, bench/results.md).

    {% load controls %}{% control_attrs widget %}     class="utrecht-textbox utrecht-textbox--html-input" id="id_q"
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

CLASS_OF_INPUT = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "hidden": "",
    "file": "",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
CLASS_OF_TEMPLATE = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
}


def nlds_class(widget):
    """The class of a widget's context (its `type`, `template_name`): an input by its type (an option of a select
    none), a textarea or select by its template."""
    kind, template_name = widget.get("type"), widget.get("template_name", "")
    if kind in CLASS_OF_INPUT:
        return CLASS_OF_INPUT[kind]
    if kind:
        return "" if "_option" in template_name else TEXTBOX
    return next((name for key, name in CLASS_OF_TEMPLATE.items() if key in template_name), "")


@register.simple_tag
def control_attrs(widget):
    """The attributes as Django's attrs.html writes them (True as a bare name, False left out), the class first."""
    attrs = widget["attrs"]
    classes = " ".join(filter(None, (nlds_class(widget), attrs.get("class", ""))))
    written = [f' class="{escape(classes)}"'] if classes else []
    for name, value in attrs.items():
        if name != "class" and value is not False:
            written.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return mark_safe("".join(written))  # noqa: S308 (every name and value escaped)
