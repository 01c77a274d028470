//! The server's clock. `PROXINUM_MAINTENANT` (RFC 3339) starts it at a given
//! moment, for tests and demonstrations; it then runs at normal speed.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    pub fn from_env() -> anyhow::Result<Clock> {
        match std::env::var("PROXINUM_MAINTENANT") {
            Ok(text) => {
                let start = DateTime::parse_from_rfc3339(&text)
                    .map_err(|e| anyhow::anyhow!("PROXINUM_MAINTENANT « {text} » : date RFC 3339 attendue ({e})"))?;
                Ok(Clock { offset: start.with_timezone(&Utc) - Utc::now() })
            }
            Err(_) => Ok(Clock::default()),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}
