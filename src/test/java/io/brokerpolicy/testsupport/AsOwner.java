package io.brokerpolicy.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A connection as the owner of the tables (the role the migrations run as), for tests that must do what
 * the service's own role may not: tamper with audit rows to show that verification notices, or show that
 * the append-only triggers refuse even the owner.
 */
public final class AsOwner {

    static final String URL = "test.database.owner.url";
    static final String USER = "test.database.owner.user";
    static final String PASSWORD = "test.database.owner.password";

    private AsOwner() {
    }

    public static Connection connection() throws SQLException {
        String url = System.getProperty(URL, System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
        String user = System.getProperty(USER, firstOf(System.getenv("QUARKUS_FLYWAY_USERNAME"),
                System.getenv("QUARKUS_DATASOURCE_USERNAME")));
        String password = System.getProperty(PASSWORD, firstOf(System.getenv("QUARKUS_FLYWAY_PASSWORD"),
                System.getenv("QUARKUS_DATASOURCE_PASSWORD")));
        return DriverManager.getConnection(url, user, password);
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
