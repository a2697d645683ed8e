"""The petitions panel on a dossier's back-office page (issue 17): petitions about the dossier that
the user may see, read through the feedback selector (not dossier events)."""

from __future__ import annotations

from typing import Any

from django import template

from motcua.feedback.selectors import petitions_about_dossier

register = template.Library()


@register.inclusion_tag("backoffice/feedback__dossier_panel.html", takes_context=True)
def petitions_panel(context: dict[str, Any], dossier: Any) -> dict[str, Any]:
    request = context["request"]
    return {"petitions": list(petitions_about_dossier(request.user, dossier.pk))}
