"""The workflow steps as pages: GET shows the form, POST calls commitments.workflow."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from commitments import permissions, workflow
from commitments.forms import ReasonForm, ReviewForm, SubmitForm
from commitments.views.access import get_commitment_for
from commitments.views.reviews import ReviewQueue


def _step_page(
    request,
    reference,
    *,
    step,
    role,
    form_class,
    title,
    intro,
    done,
    prepare=None,
    after=None,
    template="commitments/step.html",
):
    """One page per step. Someone outside the step's `role` gets 403; someone inside it, when the step is not
    possible now (another person just took it, four eyes, ...), is sent back to the commitment with the reason,
    before any form is shown or checked. The workflow checks again with the row locked, when it takes the step.
    `prepare(commitment)` gives the form's initial values and what else the page shows; `after(commitment)` where
    the step leads (by default back where it was asked from: `next`, the register with its filters, so the next
    commitment is one page load away; else the commitment's page)."""
    commitment = get_commitment_for(request.user, reference, role)
    back = _back_to(request) or commitment.get_absolute_url()
    try:
        workflow.check(step, commitment, by=request.user)
    except workflow.WorkflowError as error:
        messages.error(request, error.message)
        return redirect(back)
    initial, context = prepare(commitment) if prepare else ({}, {})
    form = form_class(request.POST or None, initial=initial) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            getattr(workflow, step)(commitment, by=request.user, **(form.cleaned_data if form else {}))
        except workflow.WorkflowError as error:
            if form is None or error.field not in form.fields:
                messages.error(request, error.message)
                return redirect(back)
            form.add_error(error.field, error.message)
        else:
            messages.success(request, f"{commitment.reference}: {done}")
            return redirect(after(commitment) if after else back)
    context.update(commitment=commitment, form=form, title=title, intro=intro, back=back)
    return render(request, template, context, status=400 if form is not None and form.errors else 200)


def _back_to(request):
    """The page of this site that the step was asked from (`next`), or None."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if safe and url.startswith("/") else None


def _evidence(commitment, evidence=None):
    """The evidence, as the reviewer weighs it: what was published after the due date stands out."""
    evidence = list(commitment.evidence.all()) if evidence is None else evidence
    return {"evidence": evidence, "late_evidence": [item for item in evidence if item.is_after_due_date]}


def _prepare_submit(commitment):
    return {"expected_date": commitment.expected_date}, _evidence(commitment)


def _prepare_review(commitment, queue):
    """The review shows the evidence exactly as it was submitted (nothing changes it until the decision), and the
    queue it is reviewed from: how many more of it wait for this reviewer."""
    submission = commitment.latest_submission()
    initial = {"version": commitment.version, "evidence_version": commitment.evidence_version}
    if submission:
        initial.update(verdict=submission.proposed_verdict, expected_date=submission.expected_date)
    offered = submission.offered_evidence() if submission else None
    others = queue.mine().exclude(pk=commitment.pk).count()
    return initial, {"submission": submission, "queue": queue, "others": others, **_evidence(commitment, offered)}


@require_http_methods(["GET", "POST"])
def start(request, reference):
    """A button of the detail page or the register starts at once (POST); GET still asks, for a bookmarked link."""
    return _step_page(
        request,
        reference,
        step="start",
        role=permissions.works_in_domain_of,
        form_class=None,
        title=_("Voornemen starten"),
        intro=_("Wilt u dit voornemen starten? De status wordt ‘In uitvoering’."),
        done=_("Het voornemen is gestart."),
    )


@require_http_methods(["GET", "POST"])
def submit(request, reference):
    return _step_page(
        request,
        reference,
        step="submit",
        role=permissions.works_in_domain_of,
        form_class=SubmitForm,
        title=_("Ter beoordeling aanbieden"),
        intro=_(
            "Stel een oordeel voor en licht het toe. ‘Gerealiseerd’ en ‘Deels gerealiseerd’ vragen bewijs; "
            "‘Vertraagd’ een verwachte datum en een reden; ‘Vervallen’ een reden. "
            "Een reviewer die niet de eigenaar is en niet zelf aanbiedt, beoordeelt het."
        ),
        done=_("Het voornemen is ter beoordeling aangeboden."),
        prepare=_prepare_submit,
    )


@require_http_methods(["GET", "POST"])
def review(request, reference):
    """Reviewing in a row: the form keeps the queue's filter and order of the address, and a decision leads to the
    next commitment of that queue the reviewer may decide."""
    queue = ReviewQueue(request.user, request.GET)
    return _step_page(
        request,
        reference,
        step="review",
        role=permissions.is_reviewer_of,
        form_class=ReviewForm,
        title=_("Beoordelen"),
        intro=_(
            "Keur goed met een oordeel, tegen het jaarbericht, of stuur terug. Wijkt uw oordeel af van het "
            "voorgestelde, geef dan een motivering."
        ),
        done=_("Uw beoordeling is vastgelegd."),
        prepare=lambda commitment: _prepare_review(commitment, queue),
        after=queue.next_url,
        template="commitments/review.html",
    )


@require_http_methods(["GET", "POST"])
def reopen(request, reference):
    return _step_page(
        request,
        reference,
        step="reopen",
        role=permissions.is_reviewer_of,
        form_class=ReasonForm,
        title=_("Heropenen"),
        intro=_("Het oordeel vervalt en het voornemen is weer ‘In uitvoering’, te wijzigen door de medewerkers."),
        done=_("Het voornemen is heropend."),
    )


@require_http_methods(["GET", "POST"])
def carry_over(request, reference):
    return _step_page(
        request,
        reference,
        step="carry_over",
        role=permissions.may_carry_over_at_all,
        form_class=ReasonForm,
        title=_("Overhevelen naar het volgende werkprogramma"),
        intro=_(
            "Het voornemen wordt voortgezet als een nieuw, gepland voornemen in het werkprogramma van volgend jaar; "
            "beide verwijzen naar elkaar. Dit voornemen blijft ‘Vertraagd’."
        ),
        done=_("Het voornemen is overgeheveld."),
    )
