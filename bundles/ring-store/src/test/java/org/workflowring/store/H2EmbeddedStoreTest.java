package org.workflowring.store;

import org.junit.jupiter.api.Nested;

/** The store contracts on embedded in-memory H2 with the H2 dialect. */
class H2EmbeddedStoreTest {

    private static final StoreSetup SETUP = StoreSetup.h2Embedded();

    @Nested
    class Core extends WorkflowStoreContract {
        @Override
        StoreSetup setup() {
            return SETUP;
        }
    }

    @Nested
    class Recovery extends RecoveryScanContract {
        @Override
        StoreSetup setup() {
            return SETUP;
        }
    }

    @Nested
    class BadInput extends BadInputContract {
        @Override
        StoreSetup setup() {
            return SETUP;
        }
    }

    @Nested
    class Fencing extends FencingConcurrencyContract {
        @Override
        StoreSetup setup() {
            return SETUP;
        }
    }
}
