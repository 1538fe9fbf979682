package org.albs.application.port.in.product;

/** A platform as the web UI sends it (a whole platform object): known by its name, or by its id without one. */
public record PlatformRef(Long id, String name) {
}
