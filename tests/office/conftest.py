from tests.network.test_own_organisation import me  # noqa: F401 (fixture: a contact person with an account)
