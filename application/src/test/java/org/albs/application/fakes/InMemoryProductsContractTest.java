package org.albs.application.fakes;

import java.time.Instant;

import org.albs.application.port.out.AbstractProductsContractTest;
import org.albs.application.port.out.BuildArtifacts;
import org.albs.application.port.out.Products;
import org.albs.application.port.out.QueueFixture;

class InMemoryProductsContractTest extends AbstractProductsContractTest {
    private final InMemoryAdapters a = new InMemoryAdapters(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));
    private final InMemoryProducts products = new InMemoryProducts(a.store(), a.repositories());

    @Override
    protected QueueFixture.Ports ports() {
        return new QueueFixture.Ports(a.users(), a.platforms(), a.builds(), a.queue(), a.results(), a.tx());
    }

    @Override
    protected Products products() {
        return products;
    }

    @Override
    protected BuildArtifacts artifacts() {
        return a.artifacts();
    }
}
