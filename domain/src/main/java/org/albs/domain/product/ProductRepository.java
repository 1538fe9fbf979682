package org.albs.domain.product;

import java.util.Objects;

import org.albs.domain.artifacts.BuildRepository;
import org.albs.domain.artifacts.ContentKind;

/**
 * One repository of a product (a distribution): a production RPM repository of one platform, one arch ({@code src}
 * included) and one debug flag, served by the artifact store under {@code copr/} (upstream §4.5).
 *
 * @param id       its row in the repositories (null before it is stored)
 * @param handle   the artifact store's handle of it (a Pulp repository href); null until the store has it
 * @param url      where it is served; empty until the store has it
 */
public record ProductRepository(Long id, String name, long platformId, String platformName, String arch,
                                boolean debug, String handle, String url) {
    public static final String BASE = "copr/";

    public ProductRepository {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(arch, "arch");
        url = url == null ? "" : url;
    }

    /** What the artifact store is asked to create. */
    public BuildRepository spec() {
        return new BuildRepository(name, ContentKind.RPM, BuildRepository.RPM, arch, debug, platformId,
                BASE + name);
    }

    public boolean created() {
        return handle != null;
    }

    public boolean isSource() {
        return arch.equals("src");
    }

    /** The same repository once the store has it. */
    public ProductRepository createdAs(String storeHandle, String servedAt) {
        return new ProductRepository(id, name, platformId, platformName, arch, debug, storeHandle, servedAt);
    }
}
