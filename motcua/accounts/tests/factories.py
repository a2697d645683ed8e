"""Factories for agencies and staff; `UserFactory(role=Role.LEADER)` puts the user in that role's group."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth.models import Group

from motcua.accounts.models import Agency, User
from motcua.accounts.roles import GROUP_NAMES, Role


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"000.{n % 100:02d}.{n // 100 % 100:02d}.T{n:02d}")
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm số {n}")
    kind = Agency.Kind.SPECIALISED_OFFICE
    province = "Khánh Hòa"
    commune = "Phường Cam Lộc"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Cán Bộ {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs: Any) -> None:
        if extracted is not None:
            # get_or_create: a transactional test's flush removes the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=GROUP_NAMES[extracted])[0])
            if extracted == Role.ADMIN:
                self.is_staff = self.is_superuser = True
        self.save()
        self.__dict__.pop("roles", None)
