"""Factories for the working calendar's rows."""

from __future__ import annotations

import factory

from motcua.core.models import CalendarStatus, Holiday, MakeUpWorkday


class HolidayFactory(factory.django.DjangoModelFactory):
    """A confirmed holiday; traits: `estimated=True`, `compensatory=True`, `bridge=True`."""

    class Meta:
        model = Holiday
        django_get_or_create = ("date",)

    date = factory.Faker("date_between", start_date="-1y", end_date="+1y")
    kind = Holiday.Kind.HOLIDAY
    name = factory.Sequence(lambda n: f"Ngày nghỉ thử nghiệm {n}")
    status = CalendarStatus.CONFIRMED

    class Params:
        estimated = factory.Trait(status=CalendarStatus.ESTIMATED)
        compensatory = factory.Trait(kind=Holiday.Kind.COMPENSATORY)
        bridge = factory.Trait(kind=Holiday.Kind.BRIDGE)
        reported = factory.Trait(needs_review=True)


class MakeUpWorkdayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MakeUpWorkday
        django_get_or_create = ("date",)

    date = factory.Faker("date_between", start_date="-1y", end_date="+1y")
    name = factory.Sequence(lambda n: f"Làm bù thử nghiệm {n}")
    status = CalendarStatus.CONFIRMED

    class Params:
        estimated = factory.Trait(status=CalendarStatus.ESTIMATED)
