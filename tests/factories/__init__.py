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
    with_second_factor,
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
    "with_second_factor",
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

from tests.factories.jobs import (  # noqa: E402
    JobAdFactory,
    SavedJobAdFactory,
    SavedJobSearchFactory,
    in_days,
)

__all__ += ["JobAdFactory", "SavedJobAdFactory", "SavedJobSearchFactory", "in_days"]

from tests.factories.eservices import EserviceItemFactory  # noqa: E402
from tests.factories.profiles import (  # noqa: E402
    ContactRequestFactory,
    DataAccessLogFactory,
    EducationFactory,
    ProfileFreeSkillFactory,
    ProfileLanguageFactory,
    PublishedProfileFactory,
    WorkAbilityDetailsFactory,
    WorkExperienceFactory,
)

__all__ += [
    "ContactRequestFactory",
    "DataAccessLogFactory",
    "EducationFactory",
    "EserviceItemFactory",
    "ProfileFreeSkillFactory",
    "ProfileLanguageFactory",
    "PublishedProfileFactory",
    "WorkAbilityDetailsFactory",
    "WorkExperienceFactory",
]

from tests.factories.expert import (  # noqa: E402
    CaseFactory,
    CaseNoteFactory,
    CustomerProfileFactory,
    JobOfferFactory,
    PlanFactory,
    PlanTaskFactory,
    ReferralFactory,
    ServiceNeedAssessmentFactory,
    expert_for,
)

__all__ += [
    "CaseFactory",
    "CaseNoteFactory",
    "CustomerProfileFactory",
    "JobOfferFactory",
    "PlanFactory",
    "PlanTaskFactory",
    "ReferralFactory",
    "ServiceNeedAssessmentFactory",
    "expert_for",
]
