//! The `env` store: a read-only bundle from `PAYPULSE_TOKEN_BUNDLE`. Refreshes stay in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use super::{Cas, Snapshot, StoreError, StoreKind, TokenStore, Version};
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

impl EnvStore {
    fn current(
        &self,
        overlay: &HashMap<String, Option<SecretString>>,
        name: &SecretName,
    ) -> Snapshot {
        let value = match overlay.get(name.as_str()) {
            Some(v) => v.clone(),
            None => self.bundle.clone(),
        };
        Snapshot {
            version: value.as_ref().map_or(Version::Absent, |v| {
                Version::digest_of(v.expose_secret().as_bytes())
            }),
            value,
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

    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        let overlay = self.overlay.lock().expect("env store lock");
        Ok(self.current(&overlay, name))
    }

    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        let mut overlay = self.overlay.lock().expect("env store lock");
        if &self.current(&overlay, name).version != expected {
            return Ok(Cas::Lost);
        }
        overlay.insert(
            name.as_str().into(),
            Some(SecretString::from(value.expose_secret())),
        );
        Ok(Cas::Done(Version::digest_of(
            value.expose_secret().as_bytes(),
        )))
    }

    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        let mut overlay = self.overlay.lock().expect("env store lock");
        if &self.current(&overlay, name).version != expected {
            return Ok(Cas::Lost);
        }
        overlay.insert(name.as_str().into(), None);
        Ok(Cas::Done(Version::Absent))
    }

    async fn read_back(
        &self,
        name: &SecretName,
        _written: &Version,
    ) -> Result<Option<SecretString>, StoreError> {
        Ok(self.read(name).await?.value)
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
    use crate::store::Store;
    use std::sync::Arc;

    #[tokio::test]
    async fn writes_stay_in_memory() {
        let s = Store::new(
            Arc::new(EnvStore::new(Some(SecretString::from("from-env")))),
            std::time::Duration::from_secs(5),
        );
        let n = SecretName::other("gmail/user/user_1");
        assert_eq!(
            s.read_raw(&n).await.unwrap().unwrap().expose_secret(),
            "from-env"
        );
        s.write_raw(&n, &SecretString::from("refreshed"))
            .await
            .unwrap();
        assert_eq!(
            s.read_raw(&n).await.unwrap().unwrap().expose_secret(),
            "refreshed"
        );
        assert!(s.delete(&n).await.unwrap());
        assert!(s.read_raw(&n).await.unwrap().is_none());
        assert!(!s.delete(&n).await.unwrap());
    }
}
