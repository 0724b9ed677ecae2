from tests.factories.users import (
    EmployerOrganisationFactory,
    EmployerUserFactory,
    ExpertOfficeFactory,
    ExpertUserFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
    PlatformAdminFactory,
    ProviderFactory,
    ProviderUserFactory,
    RegionFactory,
    UserFactory,
)

__all__ = [
    "EmployerOrganisationFactory",
    "EmployerUserFactory",
    "ExpertOfficeFactory",
    "ExpertUserFactory",
    "JobseekerUserFactory",
    "MunicipalityFactory",
    "PlatformAdminFactory",
    "ProviderFactory",
    "ProviderUserFactory",
    "RegionFactory",
    "UserFactory",
]
