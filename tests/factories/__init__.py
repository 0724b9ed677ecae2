from tests.factories.catalog import (
    EnrolmentRequestFactory,
    ServiceFactory,
    ServiceLocationFactory,
    taxonomy_term,
)
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
    "EnrolmentRequestFactory",
    "ServiceFactory",
    "ServiceLocationFactory",
    "taxonomy_term",
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

from tests.factories.skills import (  # noqa: E402
    EscoOccupationFactory,
    EscoSkillFactory,
    JobseekerProfileFactory,
    OccupationSkillFactory,
    ProfileSkillFactory,
    SkillSuggestionRunFactory,
)

__all__ += [
    "EscoOccupationFactory",
    "EscoSkillFactory",
    "JobseekerProfileFactory",
    "OccupationSkillFactory",
    "ProfileSkillFactory",
    "SkillSuggestionRunFactory",
]
