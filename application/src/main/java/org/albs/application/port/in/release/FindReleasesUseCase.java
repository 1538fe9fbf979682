package org.albs.application.port.in.release;

import java.util.List;
import java.util.Optional;

/** Reads releases. */
public interface FindReleasesUseCase {
    ReleaseView find(long releaseId);

    /** One page (from 1) of the releases matching the filters; {@code status} is upstream's number. */
    ReleasePage page(int pageNumber, Optional<Long> platformId, Optional<Integer> status,
                     Optional<String> packageName, Optional<Long> productId);

    /** Every release matching the filters (upstream's list without a page number), newest first. */
    List<ReleaseView> all(Optional<Long> platformId, Optional<Integer> status, Optional<String> packageName,
                          Optional<Long> productId);
}
