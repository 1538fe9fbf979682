package org.albs.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.albs.domain.platform.PlatformFlavour;
import org.albs.domain.platform.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PlatformFlavours} must do: flavours with their JSON fields and ordered links to stored
 * repositories, found by id and by name, updated in place. Names get a random suffix (shared database).
 */
public abstract class AbstractPlatformFlavoursContractTest {
    public record Ports(PlatformFlavours flavours, Repositories repositories, Transactions tx) {
    }

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private Ports p;

    protected abstract Ports ports();

    @BeforeEach
    void setUp() {
        p = ports();
    }

    private Repository repo(String name, String arch) {
        return p.tx().inTransaction(() -> p.repositories().upsert(new Repository(null, name + "-" + suffix, arch,
                "https://r/" + name + "/" + arch + "/", "rpm", false, 10, false, true, null, null, null)));
    }

    private PlatformFlavour insert(String name, List<Repository> repos, Map<String, Object> data) {
        return p.tx().inTransaction(() -> p.flavours().insert(new PlatformFlavour(null, name + "-" + suffix, repos,
                Map.of("git_tag_prefix", Map.of("modified", "a9-beta")), data)));
    }

    @Test
    public void aFlavourIsStoredWithItsRepositoriesInLinkOrder() {
        Repository b = repo("b", "x86_64");
        Repository a = repo("a", "aarch64");
        PlatformFlavour stored = insert("beta", List.of(b, a), Map.of("mock", Map.of("macros", Map.of("%x", "1"))));

        PlatformFlavour found = p.tx().inTransaction(() -> p.flavours().findByIds(List.of(stored.id()))).get(0);
        assertThat(found.name()).isEqualTo("beta-" + suffix);
        assertThat(found.repositories()).extracting(Repository::id).containsExactly(b.id(), a.id());
        assertThat(found.data()).isEqualTo(Map.of("mock", Map.of("macros", Map.of("%x", "1"))));
        assertThat(found.modularity()).containsKey("git_tag_prefix");
        assertThat(p.tx().inTransaction(() -> p.flavours().list())).extracting(PlatformFlavour::id)
                .contains(stored.id());
        assertThat(p.tx().inTransaction(() -> p.flavours().findByIds(List.of(stored.id(), Long.MAX_VALUE))))
                .hasSize(1);
    }

    @Test
    public void anUpdateReplacesFieldsAndLinks() {
        Repository one = repo("one", "x86_64");
        Repository two = repo("two", "x86_64");
        PlatformFlavour stored = insert("epel", List.of(one), null);

        p.tx().inTransaction(() -> {
            PlatformFlavour locked = p.flavours().lockByName(stored.name()).orElseThrow();
            return p.flavours().update(new PlatformFlavour(locked.id(), locked.name(), List.of(two), null,
                    Map.of("definitions", Map.of("dist", ".x"))));
        });

        PlatformFlavour found = p.tx().inTransaction(() -> p.flavours().lockByName(stored.name())).orElseThrow();
        assertThat(found.repositories()).extracting(Repository::id).containsExactly(two.id());
        assertThat(found.data()).isEqualTo(Map.of("definitions", Map.of("dist", ".x")));
        assertThat(found.modularity()).isNull();
        assertThat(p.tx().inTransaction(() -> p.flavours().lockByName("none-" + suffix))).isEmpty();
    }
}
