package org.albs.application.fakes;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.albs.application.port.out.SignKeys;
import org.albs.domain.ConflictException;
import org.albs.domain.signing.SignKey;

/** {@link SignKeys} in memory, following {@code SqlSignKeys} through the contract tests. */
public final class InMemorySignKeys implements SignKeys {
    private final ImmediateTransactions tx;
    private final InMemoryPlatforms platforms;
    final TreeMap<Long, SignKey> keys = new TreeMap<>();
    private long nextId = 1;

    public InMemorySignKeys(ImmediateTransactions tx, InMemoryPlatforms platforms) {
        this.tx = tx;
        this.platforms = platforms;
    }

    private static SignKey withId(SignKey k, long id) {
        return new SignKey(id, k.name(), k.description(), k.keyid(), k.fingerprint(), k.publicUrl(), k.inserted(),
                k.active(), k.archived(), List.copyOf(new LinkedHashSet<>(k.platformIds())).stream().sorted()
                .toList(), k.owner(), k.community(), k.productName());
    }

    @Override
    public long insert(SignKey key) {
        tx.requireActive("SignKeys.insert");
        findClash(key.keyid(), key.fingerprint(), 0).ifPresent(k -> {
            throw new ConflictException("Key with keyid " + key.keyid() + " or fingerprint " + key.fingerprint()
                    + " already exists");
        });
        long id = nextId++;
        keys.put(id, withId(key, id));
        return id;
    }

    @Override
    public void update(SignKey key) {
        tx.requireActive("SignKeys.update");
        if (findClash(key.keyid(), key.fingerprint(), key.id()).isPresent()) {
            throw new ConflictException("Key with keyid " + key.keyid() + " or fingerprint " + key.fingerprint()
                    + " already exists");
        }
        keys.put(key.id(), withId(key, key.id()));
    }

    @Override
    public Optional<SignKey> find(long id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public Optional<SignKey> findClash(String keyid, String fingerprint, long exceptId) {
        return keys.values().stream().filter(k -> k.id() != exceptId)
                .filter(k -> k.keyid().equals(keyid) || k.fingerprint().equals(fingerprint)).findFirst();
    }

    @Override
    public List<SignKey> all() {
        return keys.values().stream().sorted(Comparator.comparing((SignKey k) -> !k.active())
                .thenComparingLong(SignKey::id)).toList();
    }

    @Override
    public List<SignKey> lockActiveOfProduct(String productName) {
        tx.requireActive("SignKeys.lockActiveOfProduct");
        return keys.values().stream().filter(k -> k.active() && productName.equals(k.productName())).toList();
    }

    @Override
    public List<Long> missingPlatforms(Collection<Long> platformIds) {
        return new LinkedHashSet<>(platformIds).stream().filter(id -> platforms.findById(id).isEmpty()).sorted()
                .toList();
    }

    /** The id a key with this keyid has, if any (for the sign task queue's key match). */
    Optional<Long> idOf(String keyid) {
        return keys.values().stream().filter(k -> k.keyid().equalsIgnoreCase(keyid)).map(SignKey::id).findFirst();
    }
}
