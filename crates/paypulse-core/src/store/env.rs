//! The `env` store: a read-only bundle from `PAYPULSE_TOKEN_BUNDLE`. Refreshes stay in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use super::{StoreError, StoreKind, TokenStore};
use crate::ids::SecretName;

pub struct EnvStore {
    bundle: Option<SecretString>,
    /// Writes and deletes made during this run, by name (`None`: deleted).
    overlay: Mutex<HashMap<String, Option<SecretString>>>,
}

impl EnvStore {
    /// `bundle` is the value of `PAYPULSE_TOKEN_BUNDLE`; it answers for any bundle name.
    pub fn new(bundle: Option<SecretString>) -> EnvStore {
        EnvStore {
            bundle,
            overlay: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait::async_trait]
impl TokenStore for EnvStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Env
    }

    fn is_read_only(&self) -> bool {
        true
    }

    async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        let overlay = self.overlay.lock().expect("env store lock");
        Ok(match overlay.get(name.as_str()) {
            Some(v) => v.clone(),
            None => self.bundle.clone(),
        })
    }

    async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError> {
        let mut overlay = self.overlay.lock().expect("env store lock");
        overlay.insert(
            name.as_str().into(),
            Some(SecretString::from(value.expose_secret())),
        );
        Ok(())
    }

    async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        let existed = self.read(name).await?.is_some();
        let mut overlay = self.overlay.lock().expect("env store lock");
        overlay.insert(name.as_str().into(), None);
        Ok(existed)
    }

    async fn list(&self, _prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        Err(StoreError::Unsupported {
            store: StoreKind::Env,
            op: "list users (it holds one unnamed bundle)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writes_stay_in_memory() {
        let s = EnvStore::new(Some(SecretString::from("from-env")));
        let n = SecretName::other("gmail/user/user_1");
        assert_eq!(
            s.read(&n).await.unwrap().unwrap().expose_secret(),
            "from-env"
        );
        s.write(&n, &SecretString::from("refreshed")).await.unwrap();
        assert_eq!(
            s.read(&n).await.unwrap().unwrap().expose_secret(),
            "refreshed"
        );
        assert!(s.delete(&n).await.unwrap());
        assert!(s.read(&n).await.unwrap().is_none());
        assert!(EnvStore::new(None).read(&n).await.unwrap().is_none());
    }
}
