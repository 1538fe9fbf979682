package org.albs.domain.team;

/** A product as its team lists it. */
public record TeamProduct(long id, String name, String title) {
}
