import datetime

import factory
from factory.django import DjangoModelFactory

from eservices.models import EserviceItem
from tests.factories.users import (
    EmployerOrganisationFactory,
    JobseekerUserFactory,
    MunicipalityFactory,
)


class EserviceItemFactory(DjangoModelFactory):
    """A registration as unemployed by default; `wage_subsidy=True` for an employer's one.
    The default subject has no profile (no home municipality, so no expert's area): give the
    item a `CustomerProfileFactory` user as applicant to put it in Tampere."""

    class Meta:
        model = EserviceItem

    number = factory.Sequence(lambda n: 900000 + n)
    reference = factory.LazyAttribute(lambda o: f"TH-2026-{o.number:06d}")
    kind = EserviceItem.Kind.UNEMPLOYMENT_REGISTRATION
    applicant = factory.SubFactory(JobseekerUserFactory)
    subject = factory.SelfAttribute("applicant")
    data = factory.LazyFunction(
        lambda: {
            "start_date": datetime.date(2026, 1, 5).isoformat(),
            "previous_work": "Kokki, Ravintola Aalto",
            "previous_employer": "Ravintola Aalto",
            "previous_work_ended": None,
            "education": "Kokin tutkinto",
            "education_level": "32",
            "availability": "full_time",
            "phone": "040 123 4567",
            "additional_information": "",
        }
    )

    class Params:
        wage_subsidy = factory.Trait(
            kind=EserviceItem.Kind.WAGE_SUBSIDY,
            reference=factory.LazyAttribute(lambda o: f"PT-2026-{o.number:06d}"),
            subject=None,
            organisation=factory.SubFactory(EmployerOrganisationFactory),
            # the workplace in Tampere, the default expert office's area
            municipality=factory.SubFactory(MunicipalityFactory),
            data=factory.LazyFunction(
                lambda: {
                    "person_name": "Matti Virtanen",
                    "person_email": "",
                    "job_title": "Varastotyöntekijä",
                    "start_date": "2026-03-01",
                    "end_date": "2026-08-31",
                    "weekly_hours": "37.5",
                    "monthly_wage": "2400.00",
                    "justification": "Perehdytys ja työhönvalmennus.",
                }
            ),
        )
