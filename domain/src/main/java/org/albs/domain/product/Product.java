package org.albs.domain.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.albs.domain.identity.UserId;

/**
 * A product: builds grouped under a name, owned by a user (upstream's products, which replaced its distributions; the
 * seed's "distribution" API is a view of this). Two kinds, as upstream's {@code is_community}:
 * <ul>
 * <li>a <b>community</b> product (every product users make, and every distribution) has production repositories
 *     of its own, one per platform × arch × debug flag plus one {@code src} per platform, named as upstream's
 *     community planner finds them (§4.4): {@code {owner}-{product}-{platform_lower}-{arch}[-debug]-dr};</li>
 * <li>the <b>distribution's own</b> product (AlmaLinux, from the reference data; only a superuser makes one) has
 *     none: its builds are released into its platforms' production repositories.</li>
 * </ul>
 * Which builds are in it is kept apart (the list can be long).
 */
public record Product(Long id, String name, String title, String description, UserId owner, boolean community,
                      Instant createdAt, List<ProductPlatform> platforms, List<ProductRepository> repositories,
                      Long teamId) {
    /** A name is part of repository names and base paths: letters, digits and {@code . _ + -}, a letter or digit first. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,99}");

    public Product {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(createdAt, "createdAt");
        platforms = List.copyOf(platforms);
        repositories = List.copyOf(repositories);
    }

    /** A new distribution (a community product) of these platforms, its repositories laid out (none in the store yet). */
    public static Product create(String name, UserId owner, String ownerName, List<ProductPlatform> platforms,
                                 Instant now) {
        return create(name, name, null, true, owner, ownerName, platforms, now);
    }

    /**
     * A new product with its title, description and community flag (upstream's ProductCreate); no team yet. Only a
     * community product has repositories of its own.
     */
    public static Product create(String name, String title, String description, boolean community, UserId owner,
                                 String ownerName, List<ProductPlatform> platforms, Instant now) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a product name: " + name);
        }
        return new Product(null, name, title, description, owner, community, now, platforms,
                community ? repositoriesOf(ownerName, name, platforms) : List.of(), null);
    }

    /** The repositories new platforms add to this product (none for the distribution's own product). */
    public List<ProductRepository> repositoriesFor(String ownerName, List<ProductPlatform> added) {
        return community ? repositoriesOf(ownerName, name, added) : List.of();
    }

    /** The repositories of these platforms: per arch one plain and one debug repository, and one {@code src}. */
    public static List<ProductRepository> repositoriesOf(String ownerName, String name,
                                                         List<ProductPlatform> platforms) {
        List<ProductRepository> repos = new ArrayList<>();
        for (ProductPlatform p : platforms) {
            Set<String> arches = new LinkedHashSet<>(p.arches());
            arches.remove("src");
            for (String arch : arches) {
                repos.add(repository(ownerName, name, p, arch, false));
                repos.add(repository(ownerName, name, p, arch, true));
            }
            repos.add(repository(ownerName, name, p, "src", false));
        }
        return repos;
    }

    /** Upstream's repository name of a product (§4.4). */
    public static String repositoryName(String ownerName, String product, String platformName, String arch,
                                        boolean debug) {
        return ownerName + "-" + product + "-" + platformName.toLowerCase(Locale.ROOT) + "-" + arch
                + (debug ? "-debug" : "") + "-dr";
    }

    private static ProductRepository repository(String ownerName, String product, ProductPlatform p, String arch,
                                                boolean debug) {
        return new ProductRepository(null, repositoryName(ownerName, product, p.name(), arch, debug), p.id(),
                p.name(), arch, debug, null, "");
    }

    public Optional<ProductRepository> repository(String platformName, String arch, boolean debug) {
        return repositories.stream().filter(r -> r.platformName().equals(platformName) && r.arch().equals(arch)
                && r.debug() == debug).findFirst();
    }

    public boolean hasPlatform(String platformName) {
        return platforms.stream().anyMatch(p -> p.name().equals(platformName));
    }

    public Product withId(long newId) {
        return new Product(newId, name, title, description, owner, community, createdAt, platforms, repositories,
                teamId);
    }

    public Product withRepositories(List<ProductRepository> repos) {
        return new Product(id, name, title, description, owner, community, createdAt, platforms, repos, teamId);
    }

    public Product withTeam(long team) {
        return new Product(id, name, title, description, owner, community, createdAt, platforms, repositories, team);
    }
}
