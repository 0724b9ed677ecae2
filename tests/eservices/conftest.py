import pytest

from tests.factories import (
    CustomerProfileFactory,
    EnrolmentRequestFactory,
    EserviceItemFactory,
    PublishedProfileFactory,
    ServiceFactory,
)


@pytest.fixture
def world(jobseeker, provider_user):
    """Objects the role × endpoint matrices point at: a published candidate (someone else), an
    e-service item and an enrolment of the `jobseeker`, made with `provider_user`'s provider.
    The `jobseeker` lives in Tampere, the area of the `expert` fixture's office."""
    provider = provider_user.provider_memberships.get().provider
    CustomerProfileFactory(user=jobseeker)
    return {
        "candidate": PublishedProfileFactory(),
        "item": EserviceItemFactory(applicant=jobseeker),
        "enrolment": EnrolmentRequestFactory(
            user=jobseeker, service=ServiceFactory(provider=provider)
        ),
    }
