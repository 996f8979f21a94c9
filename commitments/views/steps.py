"""The workflow steps as pages: GET shows the form, POST calls commitments.workflow."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from commitments import permissions, workflow
from commitments.forms import ReasonForm, ReviewForm, SubmitForm
from commitments.views.access import get_commitment_for


def _step_page(request, reference, *, role, allowed, form_class, run, title, done, extra_context=None):
    """One page per step. Someone outside the step's `role` gets 403; someone inside it, when the step is
    not possible now (another person just took it, four eyes, ...), gets the reason as a message."""
    commitment = get_commitment_for(request.user, reference, role)
    if request.method == "GET" and not allowed(request.user, commitment):
        messages.error(
            request,
            _("Deze stap is nu niet mogelijk voor dit voornemen (status: %(status)s).")
            % {"status": commitment.get_status_display()},
        )
        return redirect(commitment)
    form = form_class(request.POST or None) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            run(commitment, by=request.user, **(form.cleaned_data if form else {}))
        except workflow.WorkflowError as error:
            if form is None or error.field not in form.fields:
                messages.error(request, error.message)
                return redirect(commitment)
            form.add_error(error.field, error.message)
        else:
            messages.success(request, done)
            return redirect(commitment)
    context = {"commitment": commitment, "form": form, "title": title}
    context.update(extra_context(commitment) if extra_context else {})
    return render(request, "commitments/step.html", context, status=400 if form is not None and form.errors else 200)


def _review_context(commitment):
    submission = workflow.last_submission(commitment)
    evidence = list(commitment.evidence.all())
    return {
        "submission": submission,
        "evidence": evidence,
        "late_evidence": [item for item in evidence if item.is_after_due_date],
    }


def start(request, reference):
    return _step_page(
        request,
        reference,
        role=permissions.works_in_domain_of,
        allowed=permissions.can_start,
        form_class=None,
        run=workflow.start,
        title=_("Voornemen starten"),
        done=_("Het voornemen is gestart."),
    )


def submit(request, reference):
    return _step_page(
        request,
        reference,
        role=permissions.works_in_domain_of,
        allowed=permissions.can_submit,
        form_class=SubmitForm,
        run=workflow.submit,
        title=_("Ter beoordeling aanbieden"),
        done=_("Het voornemen is ter beoordeling aangeboden."),
    )


def review(request, reference):
    return _step_page(
        request,
        reference,
        role=permissions.is_reviewer_of,
        allowed=permissions.can_review,
        form_class=ReviewForm,
        run=workflow.review,
        title=_("Beoordelen"),
        done=_("Uw beoordeling is vastgelegd."),
        extra_context=_review_context,
    )


def reopen(request, reference):
    return _step_page(
        request,
        reference,
        role=permissions.is_reviewer_of,
        allowed=permissions.can_reopen,
        form_class=ReasonForm,
        run=workflow.reopen,
        title=_("Heropenen"),
        done=_("Het voornemen is heropend."),
    )


def carry_over(request, reference):
    return _step_page(
        request,
        reference,
        role=permissions.may_carry_over_at_all,
        allowed=permissions.can_carry_over,
        form_class=ReasonForm,
        run=workflow.carry_over,
        title=_("Overhevelen naar het volgende werkprogramma"),
        done=_("Het voornemen is overgeheveld."),
    )
