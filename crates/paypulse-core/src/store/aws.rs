//! The `aws` store: AWS Secrets Manager through the SDK's standard configuration chain
//! (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`, ...). Secret name = the
//! secret name, `SecretString` = the bundle JSON.

use aws_config::BehaviorVersion;
use aws_sdk_secretsmanager::Client;
use aws_sdk_secretsmanager::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::types::{Filter, FilterNameStringType};
use secrecy::{ExposeSecret, SecretString};

use super::{
    AwsConfigError, AwsFailure, Cas, Snapshot, StoreError, StoreKind, TokenStore, Version,
};
use super::{Listed, ReadResult};
use crate::ids::SecretName;

/// The staging label a new version is put under before `AWSCURRENT` is moved to it.
pub const PENDING_STAGE: &str = "PAYPULSE_PENDING";
const CURRENT_STAGE: &str = "AWSCURRENT";
/// AWS's default recovery window of a deleted secret.
pub const DEFAULT_RECOVERY_WINDOW_DAYS: u32 = 7;

#[derive(Clone)]
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
            return Err(StoreError::AwsConfig(AwsConfigError::RecoveryWindow(
                recovery_window_days,
            )));
        }
        let config = aws_config::defaults(BehaviorVersion::latest()).load().await;
        if config.region().is_none() {
            return Err(StoreError::AwsConfig(AwsConfigError::NoRegion));
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

    /// Moves `AWSCURRENT` to `to`, from `from` (`None`: from no version; Secrets Manager refuses
    /// that when another version holds it). `Lost` when `AWSCURRENT` is no longer where this
    /// writer saw it (or the secret went away).
    async fn move_current(
        &self,
        name: &SecretName,
        to: &str,
        from: Option<&str>,
    ) -> Result<Cas, StoreError> {
        let moved = self
            .client
            .update_secret_version_stage()
            .secret_id(name.as_str())
            .version_stage(CURRENT_STAGE)
            .move_to_version_id(to)
            .set_remove_from_version_id(from.map(str::to_owned))
            .send()
            .await;
        match moved {
            Ok(_) => Ok(Cas::Done(Version::Aws {
                id: to.to_owned(),
                deleted: false,
            })),
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

    /// The steps of a write over an existing secret: restore it first when it is scheduled for
    /// deletion, put the value as version `plan.new_id` under the pending label, then move
    /// `AWSCURRENT` to it from the version that was read. A secret without a current version
    /// (created without a value) gets the same protocol: its first version is made current by
    /// Secrets Manager itself, otherwise `AWSCURRENT` is moved with nothing to remove, which
    /// fails when another writer got there first.
    async fn put_and_move(
        &self,
        name: &SecretName,
        value: &SecretString,
        plan: &Plan,
    ) -> Result<Cas, StoreError> {
        let mut from = plan.from.clone();
        if plan.restore {
            match self
                .client
                .restore_secret()
                .secret_id(name.as_str())
                .send()
                .await
            {
                Ok(_) => {}
                Err(e) if is_gone(&e) => return Ok(Cas::Lost),
                Err(e) => return Err(aws_error(e)),
            }
            if from.is_empty() {
                match self.describe(name).await? {
                    Some((current, false)) => from = current.unwrap_or_default(),
                    _ => return Ok(Cas::Lost),
                }
            }
        }
        let put = self
            .client
            .put_secret_value()
            .secret_id(name.as_str())
            .secret_string(value.expose_secret())
            .version_stages(PENDING_STAGE)
            .client_request_token(&plan.new_id)
            .send()
            .await;
        let first_version = match put {
            Ok(out) => out.version_stages().iter().any(|s| s == CURRENT_STAGE),
            // Deleted (or scheduled for deletion) meanwhile.
            Err(e) if is_gone(&e) => return Ok(Cas::Lost),
            Err(e) => return Err(aws_error(e)),
        };
        if from.is_empty() {
            if first_version {
                return Ok(Cas::Done(Version::Aws {
                    id: plan.new_id.clone(),
                    deleted: false,
                }));
            }
            return self.move_current(name, &plan.new_id, None).await;
        }
        self.move_current(name, &plan.new_id, Some(&from)).await
    }

    /// A write over an existing secret (see [`AwsStore::put_and_move`]) or the creation of a
    /// new one, run on its own task: when it fails, or its caller stops waiting (a timeout,
    /// Ctrl-C), the task undoes what it did ([`AwsStore::undo`]) before it ends.
    async fn guarded(
        &self,
        name: &SecretName,
        value: &SecretString,
        plan: Plan,
    ) -> Result<Cas, StoreError> {
        // Dropped with this future: the task then knows nobody waits for its answer.
        let (waiting, abandoned) = tokio::sync::oneshot::channel::<std::convert::Infallible>();
        let this = self.clone();
        let (name, value) = (name.clone(), SecretString::from(value.expose_secret()));
        let task =
            super::run_to_end(async move { this.run_write(&name, &value, &plan, abandoned).await });
        let answer = task.await;
        drop(waiting);
        answer.map_err(super::worker_failed)?
    }

    async fn run_write(
        &self,
        name: &SecretName,
        value: &SecretString,
        plan: &Plan,
        mut abandoned: tokio::sync::oneshot::Receiver<std::convert::Infallible>,
    ) -> Result<Cas, StoreError> {
        let steps = async {
            if plan.create {
                self.create(name, value, &plan.new_id).await
            } else {
                self.put_and_move(name, value, plan).await
            }
        };
        let outcome = tokio::select! {
            r = steps => Some(r),
            _ = &mut abandoned => None,
        };
        // The caller may have stopped waiting just as the steps ended: it reports a failure.
        let gone = outcome.is_none()
            || matches!(
                abandoned.try_recv(),
                Err(tokio::sync::oneshot::error::TryRecvError::Closed)
            );
        let cause = match outcome {
            Some(Ok(cas)) if !gone => return Ok(cas),
            Some(Err(e)) => e,
            _ => StoreError::Aws(AwsFailure::local(
                "the write was abandoned (timeout or interrupt)",
            )),
        };
        let left = match self.undo(name, plan).await {
            Ok(left) => left,
            Err(e) => format!(
                "undoing it failed too ({e}): {}",
                plan.what_may_be_left(name, self.recovery_window_days)
            ),
        };
        if gone {
            tracing::warn!(%name, "a write to AWS Secrets Manager was abandoned: {left}");
        }
        Err(StoreError::PartWritten {
            cause: Box::new(cause),
            left,
        })
    }

    /// Puts the secret back as it was before a write that failed part-way, judged by what is
    /// current now: a secret restored for the write is deleted again (with its recovery
    /// window), `AWSCURRENT` moved by the write goes back to the version that was read, a
    /// secret the write created is deleted. A newer version that another writer made current
    /// meanwhile is left alone. Says what is left.
    async fn undo(&self, name: &SecretName, plan: &Plan) -> Result<String, StoreError> {
        let ours = plan.new_id.as_str();
        let current = match self.describe(name).await? {
            None => return Ok("nothing was stored".into()),
            Some((_, true)) if plan.restore || plan.create => {
                return Ok("the secret is still scheduled for deletion".into());
            }
            Some((_, true)) => return Ok("the secret was deleted meanwhile".into()),
            Some((current, false)) => current,
        };
        let current = current.as_deref().unwrap_or("");
        if plan.restore || plan.create {
            // Restored (or created) for this write only: delete it again, unless another
            // writer's version is current by now ("": no version is).
            let mut expect = vec![ours];
            if plan.restore {
                expect.push(plan.from.as_str());
            }
            if !expect.contains(&current) {
                return Ok("another writer's version is current now; left as it is".into());
            }
            self.unlabel(name, ours).await;
            let window = if plan.create {
                0
            } else if self.recovery_window_days == 0 {
                DEFAULT_RECOVERY_WINDOW_DAYS
            } else {
                self.recovery_window_days
            };
            return match self.delete_checked(name, &expect, window).await? {
                Cas::Done(_) if plan.create => Ok("the secret it created was deleted again".into()),
                Cas::Done(_) => Ok(format!(
                    "the secret, restored for this write, was deleted again (recovery window {window} days); version {ours} of it holds the new tokens until Secrets Manager purges it"
                )),
                Cas::Lost => Ok("another writer's version is current now; left as it is".into()),
            };
        }
        if current == ours {
            self.unlabel(name, ours).await;
            if plan.from.is_empty() {
                return Ok(format!(
                    "version {ours} stays current (the secret had no current version to go back to)"
                ));
            }
            return match self.move_current(name, &plan.from, Some(ours)).await? {
                Cas::Done(_) => Ok("AWSCURRENT was moved back to the version that was read".into()),
                Cas::Lost => Ok("another writer's version is current now; left as it is".into()),
            };
        }
        self.unlabel(name, ours).await;
        Ok(format!(
            "the current version is unchanged; version {ours} is left without a label"
        ))
    }

    /// Takes the pending label off version `id` (best effort: an unlabelled version is one
    /// Secrets Manager may drop).
    async fn unlabel(&self, name: &SecretName, id: &str) {
        let r = self
            .client
            .update_secret_version_stage()
            .secret_id(name.as_str())
            .version_stage(PENDING_STAGE)
            .remove_from_version_id(id)
            .send()
            .await;
        if let Err(e) = r {
            tracing::debug!(%name, error = %DisplayErrorContext(&e), "could not take the pending label off");
        }
    }

    /// Creates the secret with its first version `id`.
    async fn create(
        &self,
        name: &SecretName,
        value: &SecretString,
        id: &str,
    ) -> Result<Cas, StoreError> {
        let mut create = self
            .client
            .create_secret()
            .name(name.as_str())
            .description("paypulse Gmail token bundle")
            .secret_string(value.expose_secret())
            .client_request_token(id);
        if let Some(kms) = &self.kms_key_id {
            create = create.kms_key_id(kms);
        }
        match create.send().await {
            Ok(out) => Ok(Cas::Done(Version::Aws {
                id: out.version_id.unwrap_or_else(|| id.to_owned()),
                deleted: false,
            })),
            // Created by someone else meanwhile (or deleted with a recovery window): read again.
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

    /// Deletes the secret if `AWSCURRENT` is on one of `expect` (`""`: on no version).
    /// Secrets Manager has no conditional delete: checked right before, and right after,
    /// restoring what a racing writer put in between. With a window of 0 the secret is first
    /// scheduled for deletion (7 days) and checked like that, and only then deleted for good,
    /// so a reconnect that lands between the first check and the delete is kept (one would
    /// have to restore, put and move between the second check and the final delete).
    async fn delete_checked(
        &self,
        name: &SecretName,
        expect: &[&str],
        window: u32,
    ) -> Result<Cas, StoreError> {
        match self.describe(name).await? {
            Some((current, false)) if expect.contains(&current.as_deref().unwrap_or("")) => {}
            _ => return Ok(Cas::Lost),
        }
        let days = if window == 0 {
            DEFAULT_RECOVERY_WINDOW_DAYS
        } else {
            window
        };
        match self
            .client
            .delete_secret()
            .secret_id(name.as_str())
            .recovery_window_in_days(i64::from(days))
            .send()
            .await
        {
            Ok(_) => {}
            Err(e) if is_gone(&e) => return Ok(Cas::Lost),
            Err(e) => return Err(aws_error(e)),
        }
        match self.describe(name).await? {
            Some((current, true)) if !expect.contains(&current.as_deref().unwrap_or("")) => {
                tracing::debug!(%name, "a newer version was put while deleting; restoring it");
                self.client
                    .restore_secret()
                    .secret_id(name.as_str())
                    .send()
                    .await
                    .map_err(aws_error)?;
                return Ok(Cas::Lost);
            }
            // Still scheduled for deletion, with the version that was checked.
            Some((_, true)) => {}
            // Restored by a writer right after the delete (it saw the deletion), or gone.
            _ => return Ok(Cas::Done(Version::Absent)),
        }
        if window == 0 {
            match self
                .client
                .delete_secret()
                .secret_id(name.as_str())
                .force_delete_without_recovery(true)
                .send()
                .await
            {
                Ok(_) => {}
                Err(e) if matches!(code(&e), Some("ResourceNotFoundException")) => {}
                Err(e) => return Err(aws_error(e)),
            }
        }
        Ok(Cas::Done(Version::Absent))
    }
}

/// What one write does: create the secret, or put over version `from` (restoring the secret
/// first when it is scheduled for deletion); the new version's id is chosen up front, so that
/// a write whose answer never came can still be found and undone.
struct Plan {
    create: bool,
    restore: bool,
    /// The version `AWSCURRENT` was on when read; empty when none was.
    from: String,
    new_id: String,
}

impl Plan {
    fn new(create: bool, restore: bool, from: &str) -> Plan {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        Plan {
            create,
            restore,
            from: from.to_owned(),
            // 32 characters, as `ClientRequestToken` needs (32 to 64).
            new_id: hex::encode(bytes),
        }
    }

    /// What a write that could not be undone may have left, and how to clean it.
    fn what_may_be_left(&self, name: &SecretName, window: u32) -> String {
        let id = &self.new_id;
        if self.restore {
            let days = if window == 0 {
                DEFAULT_RECOVERY_WINDOW_DAYS
            } else {
                window
            };
            format!(
                "{name} may be restored with the deleted bundle as its current version, and version {id} may hold the new tokens; delete it again with `aws secretsmanager delete-secret --secret-id {name} --recovery-window-in-days {days}`"
            )
        } else if self.create {
            format!(
                "{name} may have been created with the new tokens (version {id}); delete it with `aws secretsmanager delete-secret --secret-id {name} --force-delete-without-recovery` if it was"
            )
        } else {
            format!(
                "version {id} of {name} may hold the new tokens and may be current; check with `aws secretsmanager describe-secret --secret-id {name}`"
            )
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
    let failure = AwsFailure {
        code: code(&err).map(str::to_owned),
        detail: DisplayErrorContext(&err).to_string(),
    };
    if is_throttling(failure.code.as_deref()) {
        StoreError::Throttled(failure)
    } else {
        StoreError::Aws(failure)
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

    fn undoes_failed_writes(&self) -> bool {
        true
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
                    StoreError::Aws(AwsFailure::local(
                        "GetSecretValue answered without a version id",
                    ))
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
        let plan = match expected {
            Version::Absent => Plan::new(true, false, ""),
            Version::Aws { id, deleted } => Plan::new(false, *deleted, id),
            Version::Digest(_) => {
                return Err(StoreError::Aws(AwsFailure::local(
                    "internal error: a local version given to the aws store",
                )));
            }
        };
        self.guarded(name, value, plan).await
    }

    async fn delete(&self, name: &SecretName, expected: &Version) -> Result<Cas, StoreError> {
        let Version::Aws { id, deleted: false } = expected else {
            return Ok(Cas::Lost);
        };
        self.delete_checked(name, &[id.as_str()], self.recovery_window_days)
            .await
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
        // A current version without a string (`SecretBinary`): read on its own below, which
        // names it corrupt rather than absent.
        values.retain(|_, v| v.is_some());
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
                        Err(StoreError::Throttled(AwsFailure {
                            code: c,
                            detail: message,
                        }))
                    }
                    Some((c, message)) => Err(StoreError::Aws(AwsFailure {
                        detail: format!("{}: {message}", c.as_deref().unwrap_or("error")),
                        code: c,
                    })),
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
