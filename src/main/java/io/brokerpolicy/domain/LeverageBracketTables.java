package io.brokerpolicy.domain;

import java.util.Map;

/** An exchange's bracket tables: one per symbol where the risk team set one, the default table for every other symbol. */
public record LeverageBracketTables(Map<String, LeverageBracketTable> bySymbol, LeverageBracketTable defaultTable) {

    public LeverageBracketTables {
        bySymbol = Map.copyOf(bySymbol);
    }

    public LeverageBracketTable forSymbol(String symbol) {
        return symbol == null ? defaultTable : bySymbol.getOrDefault(symbol, defaultTable);
    }
}
