package io.brokerpolicy.testsupport;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the PostgreSQL test resource once for every @QuarkusTest of the suite. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestDatabase {

    private TestDatabase() {
    }
}
