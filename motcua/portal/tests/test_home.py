"""The public home page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_card_on_the_home_page_links_somewhere_and_feedback_goes_to_the_contacts() -> None:
    html = Client().get("/").content.decode()
    cards = re.findall(r'<li class="card">(.*?)</li>', html, re.S)
    assert len(cards) == 3
    assert all("<a href=" in card for card in cards)
    feedback = next(card for card in cards if "Đánh giá, phản ánh" in card)
    assert 'href="/lien-he/"' in feedback
