"""The folded search column shared by every searchable row of the catalogue (procedures, publications)."""

from __future__ import annotations

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import models


class FoldedTextField(models.TextField):
    """Accent-folded, lower-case text for search (`motcua.core.text.fold`); trigram-indexed on PostgreSQL."""


# `%>` (pg_trgm word similarity), used by `selectors.folded_search` on PostgreSQL only; registered on
# this field alone so the project need not install django.contrib.postgres.
FoldedTextField.register_lookup(TrigramWordSimilar)
