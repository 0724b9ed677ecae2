import factory
from factory.django import DjangoModelFactory

from expert.models import ExpertMembership, ExpertOffice
from profiles.models import EmployerMembership, EmployerOrganisation, User
from providers.models import Provider, ProviderMembership
from reference.models import Municipality, Region

PASSWORD = "Salasana-123-tori"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    role = User.Role.JOBSEEKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class JobseekerUserFactory(UserFactory):
    role = User.Role.JOBSEEKER


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "06"
    name_fi = "Pirkanmaa"
    name_sv = "Birkaland"
    name_en = "Pirkanmaa"


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = "837"
    name_fi = "Tampere"
    name_sv = "Tammerfors"
    name_en = "Tampere"
    region = factory.SubFactory(RegionFactory)


class EmployerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = EmployerOrganisation

    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    business_id = factory.Sequence(lambda n: _business_id(1000000 + 2 * n))
    is_verified = True


class EmployerUserFactory(UserFactory):
    role = User.Role.EMPLOYER

    @factory.post_generation
    def organisation(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            EmployerMembership.objects.create(
                organisation=extracted or EmployerOrganisationFactory(),
                user=obj,
                role=EmployerMembership.Role.ADMIN,
                status=EmployerMembership.Status.ACTIVE,
            )


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Valmennus {n} ry")
    sector = Provider.Sector.THIRD
    business_id = factory.Sequence(lambda n: _business_id(3000000 + 2 * n))
    is_verified = True


class ProviderUserFactory(UserFactory):
    role = User.Role.PROVIDER

    @factory.post_generation
    def provider(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            ProviderMembership.objects.create(
                provider=extracted or ProviderFactory(),
                user=obj,
                role=ProviderMembership.Role.ADMIN,
            )


class ExpertOfficeFactory(DjangoModelFactory):
    class Meta:
        model = ExpertOffice
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Työllisyyspalvelut {n}")

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.municipalities.set(extracted if extracted is not None else [MunicipalityFactory()])


class ExpertUserFactory(UserFactory):
    role = User.Role.EXPERT

    @factory.post_generation
    def office(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            ExpertMembership.objects.create(office=extracted or ExpertOfficeFactory(), user=obj)


class PlatformAdminFactory(UserFactory):
    role = User.Role.PLATFORM_ADMIN
    is_staff = True
    is_superuser = True


def with_second_factor(user):
    """The user object as a request confirmed with a second factor sees it (OTPMiddleware sets
    ``is_verified``): for calling services directly as an administrator or expert."""
    user.is_verified = lambda: True
    return user


def _business_id(number: int) -> str:
    """A valid Y-tunnus near `number` (skips numbers whose check digit would be invalid)."""
    weights = (7, 9, 10, 5, 8, 4, 2)
    while True:
        digits = f"{number:07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        number += 1
