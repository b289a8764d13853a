package org.workflowring.store;

import org.junit.jupiter.api.Nested;

/**
 * The store contracts with the Oracle dialect and Oracle scripts on H2 in {@code MODE=Oracle}: the SQL is checked for
 * syntax and behaviour here; a real Oracle was not available (see {@code docs/store.md}).
 */
class H2OracleModeStoreTest {

    private static final StoreSetup SETUP = StoreSetup.h2OracleMode();

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
