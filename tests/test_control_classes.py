"""Every form control carries the NL Design System's class of its kind (wpsite/templatetags/controls.py), through
Django's widget templates and the options commitments.forms writes itself; a class the form gives is kept after it."""

import pytest
from django import forms

from commitments.forms import CheckboxSelectMultiple, Select

CHECKBOX = 'class="utrecht-checkbox utrecht-checkbox--html-input'
TEXTBOX = 'class="utrecht-textbox utrecht-textbox--html-input"'


@pytest.mark.parametrize(
    ("widget", "expected"),
    [
        (forms.TextInput(), f'<input type="text" name="x" value="v" {TEXTBOX}>'),
        (forms.DateInput(), f'<input type="text" name="x" value="v" {TEXTBOX}>'),
        (forms.Textarea(), '<textarea name="x" class="utrecht-textarea utrecht-textarea--html-textarea"'),
        (forms.CheckboxInput(), f'<input type="checkbox" name="x" value="v" {CHECKBOX}" checked>'),
        (forms.HiddenInput(), '<input type="hidden" name="x" value="v">'),
        (Select(choices=[("v", "V")]), '<select name="x" class="utrecht-select utrecht-select--html-select">'),
        (forms.TextInput(attrs={"class": "wide"}), 'class="utrecht-textbox utrecht-textbox--html-input wide"'),
    ],
)
def test_each_kind_of_control_has_its_class(widget, expected):
    assert expected in widget.render("x", "v")


def test_an_option_of_a_select_has_no_class_of_its_own():
    assert '<option value="v" selected>V</option>' in Select(choices=[("v", "V")]).render("x", "v")


def test_each_checkbox_of_a_list_has_the_checkbox_class_and_its_label():
    html = CheckboxSelectMultiple(choices=[("a", "A & B"), ("c", "C")]).render("x", ["c"], attrs={"id": "id_x"})
    assert (
        f'<div><label for="id_x_0"><input type="checkbox" name="x" value="a" {CHECKBOX}" id="id_x_0"> A &amp; B</label>'
        in html
    )
    assert f'value="c" {CHECKBOX}" id="id_x_1" checked> C</label>' in html


def test_attribute_values_are_escaped():
    html = forms.TextInput(attrs={"placeholder": '"><script>'}).render("x", "")
    assert 'placeholder="&quot;&gt;&lt;script&gt;"' in html
