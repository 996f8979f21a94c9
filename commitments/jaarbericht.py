"""The Jaarbericht chapter (issue 12, point 8): the year's account as an editable Word document for the Jaarbericht
team, in the reader's language (the active translation).

Per MJP goal and domain, each commitment with its verdict, the rationale, the dated evidence and the place in the
Jaarbericht; then the delays with their reason and new date, the dropped ones by kind (ended by the programme itself,
or dropped during the year), the carry-overs, and the counts with the realisation rate. Until the year is closed the
header of every page says CONCEPT and the document says how many commitments are still undecided.

write_chapter() writes the bytes to a stream (a file, or an HttpResponse); it reads the overview in a fixed number of
queries: the totals, and the commitments with their goals and evidence.
"""

import docx
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from commitments.models import Status
from commitments.overview import LONG_DATE
from commitments.people import person_label

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_RED = RGBColor(0xA4, 0x26, 0x2C)


class NothingToReport(ValueError):
    """The selection has no commitments: there is no chapter to write (and no empty document is made)."""


def write_chapter(overview, stream):
    """Write the chapter of `overview` (a YearOverview) as DOCX to `stream`; NothingToReport when it is empty."""
    if not overview.totals.total:
        raise NothingToReport(
            gettext("Het Werkprogramma %(year)s heeft in deze selectie geen voornemens: er is geen hoofdstuk te maken.")
            % {"year": overview.programme.year}
        )
    commitments = list(overview.commitments())
    document = _document(overview)
    _title(document, overview)
    _counts(document, overview)
    _by_goal_and_domain(document, commitments)
    _delays(document, commitments)
    _dropped(document, overview, commitments)
    document.save(stream)


# --- the document ---------------------------------------------------------------------------------------------


def _document(overview):
    document = docx.Document()
    language = get_language() or "nl"
    properties = document.core_properties
    properties.title = _chapter_title(overview)
    properties.author = gettext("Inspectie Justitie en Veiligheid")
    properties.language = language
    properties.subject = overview.state
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    # The language of the text, for Word's spelling check and for screen readers.
    run_properties = normal.element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    lang.set(qn("w:val"), {"nl": "nl-NL", "en": "en-GB"}.get(language, language))
    header = document.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark = header.add_run(overview.state)
    mark.bold = True
    if not overview.is_final:
        mark.font.size = Pt(14)
        mark.font.color.rgb = DRAFT_RED
        header.add_run(f" — {_chapter_title(overview)}")
    return document


def _chapter_title(overview):
    return gettext("Verantwoording Werkprogramma %(year)s") % {"year": overview.programme.year}


def _title(document, overview):
    document.add_heading(_chapter_title(overview), level=1)
    selection = [
        part for part in (overview.domain and overview.domain.name, overview.goal and overview.goal.name) if part
    ]
    if selection:
        document.add_paragraph(gettext("Selectie: %(selection)s") % {"selection": "; ".join(selection)})
    state = document.add_paragraph()
    mark = state.add_run(f"{overview.state}. ")
    mark.bold = True
    if not overview.is_final:
        mark.font.color.rgb = DRAFT_RED
    state.add_run(overview.state_explanation)


def _counts(document, overview):
    totals = overview.totals
    document.add_heading(gettext("Realisatie"), level=2)
    rate = "—" if totals.percentage is None else f"{number_format(totals.percentage, 1)}%"
    document.add_paragraph(
        gettext(
            "Realisatiegraad %(rate)s: %(realised)s van de %(counted)s voornemens gerealiseerd of deels gerealiseerd "
            "(%(met)s gerealiseerd, %(partly)s deels)."
        )
        % {
            "rate": rate,
            "realised": totals.realised,
            "counted": totals.counted,
            "met": totals.counts[Status.MET],
            "partly": totals.counts[Status.PARTLY_MET],
        }
    )
    document.add_paragraph(
        gettext("Realisatiegraad = (gerealiseerd + deels gerealiseerd) / (alle voornemens − vervallen).")
    )
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    heading = table.rows[0].cells
    heading[0].text, heading[1].text = gettext("Status"), gettext("Aantal")
    for status, label, count in totals.cells:
        _row(table, str(label), count)
        if status == Status.DROPPED:
            for _kind, kind_label, kind_count in overview.dropped_by_kind:
                _row(table, f"    {kind_label}", kind_count)
    _row(table, gettext("Totaal"), totals.total, bold=True)


def _row(table, label, count, bold=False):
    cells = table.add_row().cells
    cells[0].text, cells[1].text = label, str(count)
    cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if bold:
        for cell in cells:
            cell.paragraphs[0].runs[0].bold = True


def _by_goal_and_domain(document, commitments):
    """Heading 2 a goal (in the order of the MJP, without goal last), heading 3 a domain, heading 4 a commitment."""
    document.add_heading(gettext("Voornemens per doel en toezichtgebied"), level=2)
    document.add_paragraph(gettext("Een voornemen met meer doelen staat bij elk van die doelen."))
    goals, by_goal = {}, {}
    for commitment in commitments:
        for goal in commitment.goals.all() or [None]:
            key = goal.pk if goal else None
            goals[key] = goal
            by_goal.setdefault(key, []).append(commitment)
    for key in sorted(by_goal, key=lambda pk: (pk is None, pk or 0)):
        goal = goals[key]
        document.add_heading(goal.name if goal else gettext("Zonder doel"), level=2)
        domain = None
        for commitment in by_goal[key]:  # in the order of the overview: by domain, then number
            if commitment.domain != domain:
                domain = commitment.domain
                document.add_heading(domain.name, level=3)
            _account(document, commitment)


def _account(document, commitment):
    document.add_heading(f"{commitment.reference} {commitment.title}", level=4)
    decision = commitment.decision
    if decision:
        verdict = decision.get_verdict_display()
        if decision.drop_kind:
            verdict = f"{verdict} ({decision.get_drop_kind_display()})"
        reviewer = person_label(decision.actor)
        _fact(document, gettext("Oordeel"), f"{verdict} — {reviewer}, {_in_words(commitment.decided_on)}")
        _fact(document, gettext("Jaarbericht"), decision.annual_report_reference or "—")
    else:
        _fact(
            document,
            gettext("Status"),
            f"{commitment.get_status_display()} — {gettext('nog geen oordeel')}; "
            f"{gettext('deadline')} {_in_words(commitment.due_date)}",
        )
    if commitment.status == Status.DELAYED:
        _fact(document, gettext("Verwachte datum"), _in_words(commitment.expected_date))
        _fact(document, gettext("Voortzetting"), _continuation(commitment))
    if commitment.rationale:
        is_reason = commitment.status in (Status.DELAYED, Status.DROPPED)
        text = commitment.rationale
        if commitment.rationale_is_explanation:
            text += f" ({gettext('toelichting bij de aanbieding, door de reviewer overgenomen')})"
        _fact(document, gettext("Reden") if is_reason else gettext("Motivering"), text)
    update = commitment.state_of_affairs
    if update:
        written_on = _in_words(timezone.localtime(update.written_at).date())
        _fact(document, gettext("Stand van zaken"), f"{update.text} ({written_on}, {person_label(update.written_by)})")
    evidence = list(commitment.evidence.all())
    if not evidence:
        _fact(document, gettext("Bewijs"), "—")
        return
    _fact(document, gettext("Bewijs"), "")
    for item in evidence:
        parts = [item.get_kind_display()]
        if item.published_on:
            parts.append(_in_words(item.published_on))
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(item.title)
        paragraph.add_run(f" ({', '.join(parts)})")
        if item.safe_url:
            paragraph.add_run(f" — {item.safe_url}")


def _fact(document, label, text):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(f"{label}: ").bold = True
    if text:
        paragraph.add_run(text)


def _continuation(commitment):
    successor = commitment.carried_over_to
    if successor is None:
        return gettext("Nog niet overgeheveld naar een volgend werkprogramma")
    return gettext("Voortgezet als %(reference)s in %(programme)s") % {
        "reference": successor.reference,
        "programme": successor.programme,
    }


def _delays(document, commitments):
    delayed = [c for c in commitments if c.status == Status.DELAYED]
    document.add_heading(gettext("Vertraagd"), level=2)
    if not delayed:
        document.add_paragraph(gettext("Geen vertraagde voornemens."))
        return
    for commitment in delayed:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{commitment.reference} {commitment.title}").bold = True
        paragraph.add_run(
            ". "
            + gettext("Nieuwe verwachte datum: %(date)s.") % {"date": _in_words(commitment.expected_date)}
            + f" {_continuation(commitment)}."
        )
        if commitment.rationale:
            paragraph.add_run(f" {gettext('Reden')}: {commitment.rationale}")


def _dropped(document, overview, commitments):
    """The dropped ones, the two kinds apart: both stay out of the realisation rate."""
    document.add_heading(gettext("Vervallen"), level=2)
    document.add_paragraph(gettext("Vervallen voornemens tellen niet mee in de realisatiegraad."))
    for kind, label, count in overview.dropped_by_kind:
        document.add_heading(f"{label} ({count})", level=3)
        dropped = [c for c in commitments if c.decision and c.status == Status.DROPPED and c.decision.drop_kind == kind]
        if not dropped:
            document.add_paragraph("—")
        for commitment in dropped:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{commitment.reference} {commitment.title}").bold = True
            if commitment.rationale:
                paragraph.add_run(f". {gettext('Reden')}: {commitment.rationale}")


def _in_words(date):
    return date_format(date, LONG_DATE) if date else "—"
