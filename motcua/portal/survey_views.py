"""The citizen's satisfaction survey `/danh-gia/<code>/?t=<token>` and the public results
`/thong-ke/hai-long/` with its poster (PDF) and export (XLSX).

The survey takes the dossier's token as the citizen's page does (motcua.portal.citizen_session):
a link carrying `?t=` keeps it in the session and redirects to the same page without it; a wrong
token is a 404, a second response a 409, a closed window a 410 with a page that says so. The page
is one screen, without htmx, under 50 KB as served (motcua.portal.tests.test_survey_pages).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import public
from motcua.core.exceptions import Conflict, DomainError, InvalidInput
from motcua.core.xlsx import xlsx_response
from motcua.dossiers import online
from motcua.portal import citizen_session
from motcua.surveys import publication
from motcua.surveys.exceptions import AlreadyAnswered, WindowClosed
from motcua.surveys.forms import SCALE, ResultsForm, SurveyForm
from motcua.surveys.services import questionnaire_published, survey_record_response, survey_window

DONE = "survey_done"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # the token must not leak to other sites
    return response


def _closed(request: HttpRequest, dossier: Any, error: DomainError, status: int) -> HttpResponse:
    context = {"dossier": dossier, "message": error.message, "status": status}
    return _private(render(request, "portal/survey_closed.html", context, status=status))


@public
def survey_page(request: HttpRequest, code: str) -> HttpResponseBase:
    token = citizen_session.token_from_query(request)
    if token is not None:
        dossier = online.dossier_for_token(code, token)  # 404 for a wrong token
        citizen_session.token_remember(request, dossier.code, token)
        return _private(redirect(request.path))
    dossier = online.dossier_for_token(code, citizen_session.token_of(request, code))
    if request.session.get(DONE) == dossier.code:
        return _private(render(request, "portal/survey_thanks.html", {"dossier": dossier}))
    version = questionnaire_published()
    form = SurveyForm(request.POST if request.method == "POST" else None, version=version)
    status = 200
    try:
        if hasattr(dossier, "survey_response"):
            raise AlreadyAnswered
        survey_window(dossier).check(timezone.now())
        if request.method == "POST":
            if not form.is_valid():
                raise InvalidInput(_("Phiếu đánh giá chưa hợp lệ."))
            survey_record_response(
                dossier=dossier, scores=form.scores(), comment=form.cleaned_data["comment"]
            )
            request.session[DONE] = dossier.code
            return _private(redirect(request.path))
    except WindowClosed as error:
        return _closed(request, dossier, error, 410)
    except Conflict as error:
        return _closed(request, dossier, error, 409)
    except InvalidInput as error:
        form.add_error(None, error.message)
        for field_error in error.errors:
            if field_error.field in form.fields:
                form.add_error(field_error.field, field_error.message)
        status = 422
    context = {"dossier": dossier, "form": form, "scale": SCALE}
    return _private(render(request, "portal/survey_form.html", context, status=status))


def _choice(request: HttpRequest) -> publication.PublicChoice | None:
    form = ResultsForm(request.GET)
    if not form.is_valid():
        return None
    return publication.PublicChoice(
        agency=form.cleaned_data["agency"], last=form.cleaned_data["month"] or publication.default_month()
    )


def _invalid(request: HttpRequest) -> HttpResponse:
    message = _("Chọn cơ quan trong danh sách và tháng dạng YYYY-MM.")
    return render(request, "invalid_input.html", {"message": message}, status=422)


@public
def satisfaction(request: HttpRequest) -> HttpResponse:
    """The public results: the current period's figures, a chart per criterion and per agency by
    month (each with its table and the target), withheld below the minimum number of responses."""
    choice = _choice(request)
    if choice is None:
        return _invalid(request)
    context = publication.public_context(choice)
    return render(request, "portal/survey_results.html", context)


@public
def satisfaction_poster(request: HttpRequest) -> HttpResponse:
    """The month's results of one desk as a printable A4 poster (PDF)."""
    choice = _choice(request)
    if choice is None:
        return _invalid(request)
    response = HttpResponse(publication.poster_pdf(choice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="hai-long-{choice.stem}.pdf"'
    return response


@public
def satisfaction_export(request: HttpRequest) -> HttpResponse:
    choice = _choice(request)
    if choice is None:
        return _invalid(request)
    return xlsx_response(f"hai-long-{choice.stem}", publication.export_xlsx(choice))
