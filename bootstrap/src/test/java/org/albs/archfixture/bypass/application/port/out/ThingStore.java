package org.albs.archfixture.bypass.application.port.out;

/** An out-port: adapters may implement it. */
public interface ThingStore {
    void save(String name);
}
