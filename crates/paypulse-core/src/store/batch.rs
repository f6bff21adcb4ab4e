//! Batched reads of many bundles (`tokens list`, `tokens check --all`): the store lists them,
//! reads them in batches (Secrets Manager: `BatchGetSecretValue`, 20 a call) with bounded
//! concurrency, retrying while the store throttles.

use backon::{ExponentialBuilder, Retryable};
use futures_util::stream::{self, StreamExt};

use super::{ListedBundle, Store, StoreError};
use crate::bundle::TokenBundle;
use crate::ids::{SecretName, SecretPrefix};
use crate::retry::RetryPolicy;

/// A bundle as a batched read found it.
pub type Loaded = Result<Option<TokenBundle>, StoreError>;

impl Store {
    /// A batch of bundles read in one store call (retried while the store throttles); when the call
    /// still fails, each user gets its error.
    pub async fn read_batch(
        &self,
        backoff: ExponentialBuilder,
        chunk: Vec<ListedBundle>,
    ) -> Vec<(ListedBundle, Loaded)> {
        let store = self;
        let names: Vec<SecretName> = chunk.iter().map(|l| l.secret_name.clone()).collect();
        let answer = (|| store.load_many(&names))
            .retry(backoff)
            .when(StoreError::is_transient)
            .notify(|e, dur| tracing::info!(%e, ?dur, "retrying the store's batch read"))
            .await;
        match answer {
            Ok(loaded) => chunk.into_iter().zip(loaded).collect(),
            // Each user gets the store's own error (its store, its exit code), shared.
            Err(e) => {
                let e = match e {
                    StoreError::Batch(shared) => shared,
                    e => std::sync::Arc::new(e),
                };
                chunk
                    .into_iter()
                    .map(|l| (l, Err(StoreError::Batch(e.clone()))))
                    .collect()
            }
        }
    }

    /// Every bundle under `prefix` with its stored contents, sorted by user id, read in batches
    /// (`concurrency` store calls at once), for `tokens list`: no call to Google. A bundle deleted
    /// between the list and the read is left out.
    pub async fn read_all(
        &self,
        prefix: &SecretPrefix,
        concurrency: usize,
        retry: RetryPolicy,
    ) -> Result<Vec<(ListedBundle, Loaded)>, StoreError> {
        let store = self;
        let listed = (|| store.list_bundles(prefix))
            .retry(retry.backoff())
            .when(StoreError::is_transient)
            .await?;
        let chunks: Vec<Vec<ListedBundle>> = listed
            .chunks(store.batch_size())
            .map(<[_]>::to_vec)
            .collect();
        let read: Vec<Vec<(ListedBundle, Loaded)>> = stream::iter(chunks)
            .map(|chunk| store.read_batch(retry.backoff(), chunk))
            .buffered(concurrency.max(1))
            .collect()
            .await;
        Ok(read
            .into_iter()
            .flatten()
            .filter(|(_, loaded)| !matches!(loaded, Ok(None)))
            .collect())
    }
}
