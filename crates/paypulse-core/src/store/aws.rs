//! The `aws` store: AWS Secrets Manager through the SDK's standard configuration chain
//! (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`, ...). Secret name = the
//! secret name, `SecretString` = the bundle JSON.

use aws_config::BehaviorVersion;
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::types::{Filter, FilterNameStringType};
use secrecy::{ExposeSecret, SecretString};

use super::{Cas, Snapshot, StoreError, StoreKind, TokenStore, Version};
use super::{Listed, ReadResult};
use crate::ids::SecretName;

/// The staging label a new version is put under before `AWSCURRENT` is moved to it.
pub const PENDING_STAGE: &str = "PAYPULSE_PENDING";
const CURRENT_STAGE: &str = "AWSCURRENT";
/// AWS's default recovery window of a deleted secret.
pub const DEFAULT_RECOVERY_WINDOW_DAYS: u32 = 7;

pub struct AwsStore {
    client: Client,
    kms_key_id: Option<String>,
    /// Days a deleted secret can be restored; 0 deletes at once.
    recovery_window_days: u32,
}

impl AwsStore {
    /// Loads the SDK's standard configuration; `kms_key_id` is used when a secret is created;
    /// deletes keep `recovery_window_days` (0, or 7 to 30).
    pub async fn connect(
        kms_key_id: Option<String>,
        recovery_window_days: u32,
    ) -> Result<AwsStore, StoreError> {
        if recovery_window_days != 0 && !(7..=30).contains(&recovery_window_days) {
            return Err(StoreError::AwsConfig(format!(
                "a recovery window of {recovery_window_days} days: AWS takes 7 to 30 days, or 0 to delete at once"
            )));
        }
        let config = aws_config::defaults(BehaviorVersion::latest()).load().await;
        if config.region().is_none() {
            return Err(StoreError::AwsConfig(
                "no region: set AWS_REGION or a region in your AWS profile".into(),
            ));
        }
        Ok(AwsStore {
            client: Client::new(&config),
            kms_key_id,
            recovery_window_days,
        })
    }

    /// The version `AWSCURRENT` is on, and whether the secret is scheduled for deletion;
    /// `None` when there is no such secret.
    async fn describe(
        &self,
        name: &SecretName,
    ) -> Result<Option<(Option<String>, bool)>, StoreError> {
        match self
            .client
            .describe_secret()
            .secret_id(name.as_str())
            .send()
            .await
        {
            Ok(d) => {
                let current = d.version_ids_to_stages().and_then(|m| {
                    m.iter()
                        .find(|(_, stages)| stages.iter().any(|s| s == CURRENT_STAGE))
                        .map(|(id, _)| id.clone())
                });
                Ok(Some((current, d.deleted_date().is_some())))
            }
            Err(e) if matches!(code(&e), Some("ResourceNotFoundException")) => Ok(None),
            Err(e) => Err(aws_error(e)),
        }
    }

    /// Puts `value` as a new version under the pending label, then moves `AWSCURRENT` to it
    /// from `from` (the version that was read): fails (lost) if anyone moved it meanwhile.
    async fn swap(
        &self,
        name: &SecretName,
        value: &SecretString,
        from: &str,
    ) -> Result<Cas, StoreError> {
        let put = self
            .client
            .put_secret_value()
            .secret_id(name.as_str())
            .secret_string(value.expose_secret())
            .version_stages(PENDING_STAGE)
            .send()
            .await;
        let new_id = match put {
            Ok(out) => out.version_id.ok_or_else(|| {
                StoreError::Aws("PutSecretValue answered without a version id".into())
            })?,
            // Deleted (or scheduled for deletion) meanwhile.
            Err(e) if is_gone(&e) => {
                return Ok(Cas::Lost);
            }
            Err(e) => return Err(aws_error(e)),
        };
        let moved = self
            .client
            .update_secret_version_stage()
            .secret_id(name.as_str())
            .version_stage(CURRENT_STAGE)
            .move_to_version_id(&new_id)
            .remove_from_version_id(from)
            .send()
            .await;
        match moved {
            Ok(_) => Ok(Cas::Done(Version::Aws {
                id: new_id,
                deleted: false,
            })),
            // AWSCURRENT is no longer on the version read (or the secret went away): lost.
            Err(e)
                if matches!(
                    code(&e),
                    Some(
                        "InvalidParameterException"
                            | "ResourceNotFoundException"
                            | "InvalidRequestException"
                    )
                ) =>
            {
                Ok(Cas::Lost)
            }
            Err(e) => Err(aws_error(e)),
        }
    }
}

/// How many secrets one `BatchGetSecretValue` call returns at most.
const BATCH: usize = 20;

fn aws_error<E, R>(err: SdkError<E, R>) -> StoreError
where
    E: std::error::Error + ProvideErrorMetadata + 'static,
    R: std::fmt::Debug,
{
    let throttled = is_throttling(code(&err));
    let text = DisplayErrorContext(&err).to_string();
    if throttled {
        StoreError::Throttled(text)
    } else {
        StoreError::Aws(text)
    }
}

/// The error codes with which AWS says "slow down".
pub fn is_throttling(code: Option<&str>) -> bool {
    matches!(
        code,
        Some("ThrottlingException" | "TooManyRequestsException" | "RequestLimitExceeded")
    )
}

fn chrono_time(
    t: &aws_sdk_secretsmanager::primitives::DateTime,
) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

fn code<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<&str> {
    err.as_service_error().and_then(|e| e.code())
}

/// The secret is gone, or scheduled for deletion, since it was read: the writer lost the race.
fn is_gone<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> bool {
    matches!(
        code(err),
        Some("ResourceNotFoundException" | "InvalidRequestException")
    )
}

#[async_trait::async_trait]
impl TokenStore for AwsStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Aws
    }

    async fn read(&self, name: &SecretName) -> Result<Snapshot, StoreError> {
        // By stage, not the default: what `AWSCURRENT` is on is what counts.
        let r = self
            .client
            .get_secret_value()
            .secret_id(name.as_str())
            .version_stage(CURRENT_STAGE)
            .send()
            .await;
        match r {
            Ok(out) => {
                let id = out.version_id.ok_or_else(|| {
                    StoreError::Aws("GetSecretValue answered without a version id".into())
                })?;
                let Some(value) = out.secret_string else {
                    return Err(StoreError::CorruptBundle {
                        name: name.clone(),
                        detail: "the secret holds binary data, not a bundle".into(),
                    });
                };
                Ok(Snapshot {
                    value: Some(SecretString::from(value)),
                    version: Version::Aws { id, deleted: false },
                })
            }
            Err(e) if matches!(code(&e), Some("ResourceNotFoundException")) => {
                // No secret; or one whose current version could not be found.
                match self.describe(name).await? {
                    None => Ok(Snapshot::absent()),
                    Some((id, deleted)) => Ok(Snapshot {
                        value: None,
                        version: Version::Aws {
                            id: id.unwrap_or_default(),
                            deleted,
                        },
                    }),
                }
            }
            // Scheduled for deletion: its value cannot be read; it counts as absent, and a
            // write restores it first.
            Err(e) if matches!(code(&e), Some("InvalidRequestException")) => {
                match self.describe(name).await? {
                    Some((id, true)) => Ok(Snapshot {
                        value: None,
                        version: Version::Aws {
                            id: id.unwrap_or_default(),
                            deleted: true,
                        },
                    }),
                    None => Ok(Snapshot::absent()),
                    Some((_, false)) => Err(aws_error(e)),
                }
            }
            Err(e) => Err(aws_error(e)),
        }
    }

    async fn write(
        &self,
        name: &SecretName,
        value: &SecretString,
        expected: &Version,
    ) -> Result<Cas, StoreError> {
        match expected {
            Version::Absent => {
                let mut create = self
                    .client
                    .create_secret()
                    .name(name.as_str())
                    .description("paypulse Gmail token bundle")
                    .secret_string(value.expose_secret());
                if let Some(kms) = &self.kms_key_id {
                    create = create.kms_key_id(kms);
                }
                match create.send().await {
                    Ok(out) => Ok(Cas::Done(Version::Aws {
                        id: out.version_id.unwrap_or_default(),
                        deleted: false,
                    })),
                    // Created by someone else meanwhile (or deleted with a recovery window):
                    // read again.
                    Err(e)
                        if matches!(
                            code(&e),
                            Some("ResourceExistsException" | "InvalidRequestException")
                        ) =>
                    {
                        Ok(Cas::Lost)
                    }
                    Err(e) => Err(aws_error(e)),
                }
            }
            Version::Aws { id, deleted } => {
                let mut from = id.clone();
                if *deleted {
                    // A reconnect right after a delete: restore, then put over what was current.
                    match self
                        .client
                        .restore_secret()
                        .secret_id(name.as_str())
                        .send()
                        .await
                    {
                        Ok(_) => {}
                        Err(e) if is_gone(&e) => {
                            return Ok(Cas::Lost);
                        }
                        Err(e) => return Err(aws_error(e)),
                    }
                    if from.is_empty() {
                        match self.describe(name).await? {
                            Some((Some(current), false)) => from = current,
                            _ => return Ok(Cas::Lost),
                        }
                    }
                }
                if from.is_empty() {
                    // A secret created without any value: its first version becomes current.
                    return match self
                        .client
                        .put_secret_value()
                        .secret_id(name.as_str())
                        .secret_string(value.expose_secret())
                        .send()
                        .await
                    {
                        Ok(out) => Ok(Cas::Done(Version::Aws {
                            id: out.version_id.unwrap_or_default(),
                            deleted: false,
                        })),
                        Err(e) => Err(aws_error(e)),
                    };
                }
                self.swap(name, value, &from).await
            }
            Version::Digest(_) => Err(StoreError::Aws(
                "internal error: a local version given to the aws store".into(),
            )),
        }
    }

    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        let Version::Aws { id, deleted: false } = expected else {
            return Ok(Cas::Lost);
        };
        // Secrets Manager has no conditional delete: check the version right before, and with
        // a recovery window also right after (restoring what a racing writer put meanwhile).
        match self.describe(name).await? {
            Some((Some(current), false)) if &current == id => {}
            _ => return Ok(Cas::Lost),
        }
        let mut req = self.client.delete_secret().secret_id(name.as_str());
        req = if self.recovery_window_days == 0 {
            req.force_delete_without_recovery(true)
        } else {
            req.recovery_window_in_days(i64::from(self.recovery_window_days))
        };
        match req.send().await {
            Ok(_) => {}
            Err(e) if is_gone(&e) => {
                return Ok(Cas::Lost);
            }
            Err(e) => return Err(aws_error(e)),
        }
        if self.recovery_window_days > 0 {
            match self.describe(name).await? {
                Some((Some(current), true)) if &current != id => {
                    tracing::debug!(%name, "a newer version was put while deleting; restoring it");
                    self.client
                        .restore_secret()
                        .secret_id(name.as_str())
                        .send()
                        .await
                        .map_err(aws_error)?;
                    return Ok(Cas::Lost);
                }
                _ => {}
            }
        }
        Ok(Cas::Done(Version::Absent))
    }

    async fn read_back(
        &self,
        name: &SecretName,
        written: &Version,
    ) -> Result<Option<SecretString>, StoreError> {
        let Version::Aws { id, .. } = written else {
            return Ok(None);
        };
        let r = self
            .client
            .get_secret_value()
            .secret_id(name.as_str())
            .version_id(id)
            .send()
            .await;
        match r {
            Ok(out) => Ok(out.secret_string.map(SecretString::from)),
            // Deleted by a later writer: not an error.
            Err(e) if is_gone(&e) => Ok(None),
            Err(e) => Err(aws_error(e)),
        }
    }

    async fn list(&self, prefix: &str) -> Result<Vec<SecretName>, StoreError> {
        Ok(self
            .list_entries(prefix)
            .await?
            .into_iter()
            .map(|l| l.name)
            .collect())
    }

    async fn list_entries(&self, prefix: &str) -> Result<Vec<Listed>, StoreError> {
        let mut pages = self
            .client
            .list_secrets()
            .filters(
                Filter::builder()
                    .key(FilterNameStringType::Name)
                    .values(prefix)
                    .build(),
            )
            .max_results(100)
            .into_paginator()
            .send();
        let mut names = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(aws_error)?;
            for s in page.secret_list() {
                // The service's name filter is a case-insensitive prefix match: keep exact ones.
                if let Some(n) = s.name()
                    && n.starts_with(prefix)
                    && s.deleted_date().is_none()
                {
                    names.push(Listed {
                        name: SecretName::other(n),
                        last_changed: s.last_changed_date().and_then(chrono_time),
                    });
                }
            }
        }
        Ok(names)
    }

    fn batch_size(&self) -> usize {
        BATCH
    }

    /// `BatchGetSecretValue` (one call for up to 20 secrets); where it is refused (an IAM policy
    /// without `secretsmanager:BatchGetSecretValue`, a service that does not know it), one
    /// `GetSecretValue` per secret.
    async fn read_many(&self, names: &[SecretName]) -> Result<Vec<ReadResult>, StoreError> {
        if names.len() <= 1 || names.len() > BATCH {
            return read_one_by_one(self, names).await;
        }
        let answer = self
            .client
            .batch_get_secret_value()
            .set_secret_id_list(Some(names.iter().map(|n| n.as_str().to_owned()).collect()))
            .send()
            .await;
        let out = match answer {
            Ok(out) => out,
            Err(e) if is_throttling(code(&e)) => return Err(aws_error(e)),
            Err(e) => {
                tracing::debug!(error = %DisplayErrorContext(&e), "BatchGetSecretValue refused; reading one by one");
                return read_one_by_one(self, names).await;
            }
        };
        // Only a value of the `AWSCURRENT` version counts; another (moto answers an unstaged
        // read with the secret's first version, not the one our stage moves made current) is
        // read again by name and stage below.
        let mut values: std::collections::HashMap<String, Option<SecretString>> = out
            .secret_values()
            .iter()
            .filter(|v| v.version_stages().iter().any(|s| s == CURRENT_STAGE))
            .filter_map(|v| {
                Some((
                    v.name()?.to_owned(),
                    v.secret_string().map(SecretString::from),
                ))
            })
            .collect();
        let mut errors: std::collections::HashMap<String, (Option<String>, String)> = out
            .errors()
            .iter()
            .filter_map(|e| {
                Some((
                    e.secret_id()?.to_owned(),
                    (
                        e.error_code().map(str::to_owned),
                        e.message().unwrap_or("error").to_owned(),
                    ),
                ))
            })
            .collect();
        let mut result = Vec::with_capacity(names.len());
        for name in names {
            let answer = if let Some(v) = values.remove(name.as_str()) {
                Ok(v)
            } else {
                match errors.remove(name.as_str()) {
                    // Absent, or deleted with a recovery window: nothing stored.
                    Some((Some(c), _))
                        if c == "ResourceNotFoundException" || c == "InvalidRequestException" =>
                    {
                        Ok(None)
                    }
                    Some((c, message)) if is_throttling(c.as_deref()) => {
                        Err(StoreError::Throttled(message))
                    }
                    Some((c, message)) => Err(StoreError::Aws(format!(
                        "{}: {message}",
                        c.as_deref().unwrap_or("error")
                    ))),
                    // Neither a value nor an error: read it on its own.
                    None => self.read(name).await.map(|s| s.value),
                }
            };
            result.push((name.clone(), answer));
        }
        Ok(result)
    }
}

async fn read_one_by_one(
    store: &AwsStore,
    names: &[SecretName],
) -> Result<Vec<ReadResult>, StoreError> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push((name.clone(), store.read(name).await.map(|s| s.value)));
    }
    Ok(out)
}
