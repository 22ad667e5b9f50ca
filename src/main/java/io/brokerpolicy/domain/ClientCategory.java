package io.brokerpolicy.domain;

/** MiFID client category: regulatory leverage caps and close-out floors protect RETAIL clients only. */
public enum ClientCategory {
    RETAIL,
    PROFESSIONAL
}
