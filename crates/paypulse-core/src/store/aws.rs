//! The `aws` store: AWS Secrets Manager through the SDK's standard configuration chain
//! (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`, ...). Secret name = the
//! secret name, `SecretString` = the bundle JSON.

use aws_config::BehaviorVersion;
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::types::{Filter, FilterNameStringType};
use secrecy::{ExposeSecret, SecretString};

use super::{Listed, ReadResult, StoreError, StoreKind, TokenStore};
use crate::ids::SecretName;

pub struct AwsStore {
    client: Client,
    kms_key_id: Option<String>,
}

impl AwsStore {
    /// Loads the SDK's standard configuration; `kms_key_id` is used when a secret is created.
    pub async fn connect(kms_key_id: Option<String>) -> Result<AwsStore, StoreError> {
        let config = aws_config::defaults(BehaviorVersion::latest()).load().await;
        if config.region().is_none() {
            return Err(StoreError::AwsConfig(
                "no region: set AWS_REGION or a region in your AWS profile".into(),
            ));
        }
        Ok(AwsStore {
            client: Client::new(&config),
            kms_key_id,
        })
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

#[async_trait::async_trait]
impl TokenStore for AwsStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Aws
    }

    async fn read(&self, name: &SecretName) -> Result<Option<SecretString>, StoreError> {
        let r = self
            .client
            .get_secret_value()
            .secret_id(name.as_str())
            .send()
            .await;
        match r {
            Ok(out) => Ok(out.secret_string.map(SecretString::from)),
            // Absent, or deleted with a recovery window (its value cannot be read).
            Err(e) if matches!(code(&e), Some("ResourceNotFoundException")) => Ok(None),
            Err(e)
                if matches!(code(&e), Some("InvalidRequestException"))
                    && is_deleted(&self.client, name).await =>
            {
                Ok(None)
            }
            Err(e) => Err(aws_error(e)),
        }
    }

    async fn write(&self, name: &SecretName, value: &SecretString) -> Result<(), StoreError> {
        for _ in 0..3 {
            let put = self
                .client
                .put_secret_value()
                .secret_id(name.as_str())
                .secret_string(value.expose_secret())
                .send()
                .await;
            let err = match put {
                Ok(_) => return Ok(()),
                Err(e) => e,
            };
            match code(&err) {
                Some("ResourceNotFoundException") => {
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
                        Ok(_) => return Ok(()),
                        // Created by someone else meanwhile: put again.
                        Err(e) if matches!(code(&e), Some("ResourceExistsException")) => continue,
                        Err(e) => return Err(aws_error(e)),
                    }
                }
                // Scheduled for deletion (by another tool, with a recovery window): restore, then put.
                Some("InvalidRequestException") if is_deleted(&self.client, name).await => {
                    self.client
                        .restore_secret()
                        .secret_id(name.as_str())
                        .send()
                        .await
                        .map_err(aws_error)?;
                }
                _ => return Err(aws_error(err)),
            }
        }
        Err(StoreError::Aws(format!(
            "could not write {name}: it kept changing underneath"
        )))
    }

    async fn delete(&self, name: &SecretName) -> Result<bool, StoreError> {
        // Without recovery, so that the name is reusable at once (a reconnect right after a revoke).
        let r = self
            .client
            .delete_secret()
            .secret_id(name.as_str())
            .force_delete_without_recovery(true)
            .send()
            .await;
        match r {
            Ok(_) => Ok(true),
            Err(e) if matches!(code(&e), Some("ResourceNotFoundException")) => Ok(false),
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
        let mut values: std::collections::HashMap<String, Option<SecretString>> = out
            .secret_values()
            .iter()
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
                    None => self.read(name).await,
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
        out.push((name.clone(), store.read(name).await));
    }
    Ok(out)
}

/// Whether the secret exists but is scheduled for deletion.
async fn is_deleted(client: &Client, name: &SecretName) -> bool {
    client
        .describe_secret()
        .secret_id(name.as_str())
        .send()
        .await
        .is_ok_and(|d| d.deleted_date().is_some())
}
