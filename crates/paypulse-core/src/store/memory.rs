//! An in-memory store for the core's unit tests (the integration tests use the real peers).

use super::*;
use crate::ids::SecretName;
use secrecy::{ExposeSecret, SecretString};
use std::collections::BTreeMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct MemoryStore {
    pub items: Mutex<BTreeMap<String, String>>,
    pub hang: bool,
}

impl MemoryStore {
    pub fn put(&self, name: &SecretName, value: &str) {
        self.items
            .lock()
            .unwrap()
            .insert(name.as_str().into(), value.into());
    }
    fn version(items: &BTreeMap<String, String>, name: &SecretName) -> Version {
        items
            .get(name.as_str())
            .map_or(Version::Absent, |v| Version::digest_of(v.as_bytes()))
    }
}

#[async_trait::async_trait]
impl TokenStore for MemoryStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }
    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        if self.hang {
            std::future::pending::<()>().await;
        }
        let items = self.items.lock().unwrap();
        Ok(Snapshot {
            value: items.get(name.as_str()).cloned().map(SecretString::from),
            version: Self::version(&items, name),
        })
    }
    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        let mut items = self.items.lock().unwrap();
        if &Self::version(&items, name) != expected {
            return Ok(Cas::Lost);
        }
        items.insert(name.as_str().into(), value.expose_secret().into());
        Ok(Cas::Done(Self::version(&items, name)))
    }
    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        let mut items = self.items.lock().unwrap();
        if &Self::version(&items, name) != expected {
            return Ok(Cas::Lost);
        }
        items.remove(name.as_str());
        Ok(Cas::Done(Version::Absent))
    }
    async fn read_back(
        &self,
        name: &SecretName,
        _written: &Version,
    ) -> Result<Option<SecretString>, StoreError> {
        Ok(self.read(name).await?.value)
    }
    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        let items = self.items.lock().unwrap();
        Ok(items
            .keys()
            .filter(|k| k.starts_with(prefix))
            .map(|k| SecretName::other(k))
            .collect())
    }
}
