//! `tideline-clinic`: run the server, or run staff operations directly on its data directory.
#![warn(clippy::too_many_lines)]

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use tideline_clinic::access::Caller;
use tideline_clinic::audit::{self, AuditEntry};
use tideline_clinic::clock::{Clock, SystemClock};
use tideline_clinic::copy;
use tideline_clinic::db::Connection;
use tideline_clinic::http::staff_schedule::ScheduleRequest;
use tideline_clinic::problem::Problem;
use tideline_clinic::server::{self, ServerConfig};
use tideline_clinic::share::care_team;
use tideline_clinic::store::{Database, Store};
use tideline_clinic::{appointment, course, enrollment, patient, program, staff};
use tideline_wire::care::{Attendance, LevelOfCare, SessionKind};
use tideline_wire::AppointmentStatus;

#[derive(Debug, Parser)]
#[command(
    name = "tideline-clinic",
    about = "Tideline clinic server and staff operations"
)]
struct Cli {
    /// Directory holding the clinic database (SQLite), and on either engine the audit key file beside
    /// it and the audit checkpoint.
    #[arg(long, global = true, default_value = "./clinic-data")]
    data: PathBuf,
    /// A PostgreSQL connection string (postgres://user@host/db, or host=... user=... dbname=...):
    /// keep the clinic's data there instead of in the data directory's SQLite file. Every server
    /// process of one clinic must load the same audit key (TIDELINE_AUDIT_KEY, or the same key file).
    /// Without it, TIDELINE_DATABASE is read.
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the FHIR and staff API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8443")]
        listen: SocketAddr,
        /// PEM certificate chain (HTTPS when given with --tls-key).
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// PEM private key.
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// A TLS-terminating reverse proxy is in front of this server: accept plain HTTP from any
        /// address (the proxy's) and mark cookies Secure and send HSTS as if serving TLS. Without this
        /// or --tls-cert, plain HTTP is answered only for clients on this computer (loopback).
        #[arg(long, conflicts_with = "tls_cert")]
        behind_tls_proxy: bool,
    },
    /// Apply the database's migrations (the server also applies them when it starts).
    Migrate,
    /// Move a clinic's SQLite database (--from DIR) into an empty PostgreSQL database (--to URL), then
    /// verify the audit trail on both and compare row counts; a failure leaves the target empty.
    Copy {
        /// The data directory holding clinic.db.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL connection string.
        #[arg(long)]
        to: String,
    },
    #[command(flatten)]
    People(PeopleCommand),
    #[command(flatten)]
    Care(CareCommand),
    #[command(flatten)]
    Devices(DeviceCommand),
    /// Check the audit trail's hash chain.
    VerifyAudit,
}

/// Accounts, patients and programs.
#[derive(Debug, Subcommand)]
enum PeopleCommand {
    /// Create a clinic and its first administrator (password read from stdin).
    CreateClinic {
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin_email: String,
        #[arg(long)]
        admin_name: String,
    },
    /// Create a staff account (password read from stdin).
    CreateStaff {
        #[arg(long)]
        clinic: i64,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: bool,
    },
    /// Create a patient.
    CreatePatient {
        #[arg(long)]
        clinic: i64,
        #[arg(long)]
        given: String,
        #[arg(long)]
        family: String,
    },
    /// Create a program (a group or counseling track) in an IANA time zone.
    CreateProgram {
        #[arg(long)]
        clinic: i64,
        #[arg(long)]
        name: String,
        #[arg(long)]
        time_zone: String,
        /// iop (default), iop-adolescent, partial-hospitalization, outpatient.
        #[arg(long, default_value = "iop")]
        level: String,
        /// The weekly target; the level's minimum when left out (outpatient needs one).
        #[arg(long)]
        target_minutes: Option<u32>,
    },
    /// Add a patient to a program (books them into its future sessions).
    AddMember {
        #[arg(long)]
        program: i64,
        #[arg(long)]
        patient: i64,
    },
}

/// Sessions, attendance and levels of care.
#[derive(Debug, Subcommand)]
enum CareCommand {
    /// Schedule sessions, e.g. --first-day 2026-03-02 --weekdays mon,wed,fri --start 18:00 --end 21:00 --weeks 8.
    Schedule {
        #[arg(long)]
        program: i64,
        #[arg(long)]
        first_day: chrono::NaiveDate,
        #[arg(long, value_delimiter = ',')]
        weekdays: Vec<String>,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        #[arg(long, default_value_t = 1)]
        weeks: u32,
        /// The last day, instead of --weeks.
        #[arg(long)]
        end_date: Option<chrono::NaiveDate>,
        /// group-therapy (default), individual, family, psychoeducation, medication-management.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        place: Option<String>,
        #[arg(long)]
        video_link: Option<String>,
    },
    /// Mark attendance: --mark attended|late|left-early|no-show|excused [--minutes N].
    Mark {
        #[arg(long)]
        appointment: i64,
        #[arg(long)]
        mark: String,
        #[arg(long)]
        minutes: Option<u32>,
    },
    /// Set a patient's level of care from a day (first level, step down or up).
    SetLevel {
        #[arg(long)]
        patient: i64,
        #[arg(long)]
        program: i64,
        /// iop, iop-adolescent, partial-hospitalization, outpatient.
        #[arg(long)]
        level: String,
        #[arg(long)]
        target_minutes: Option<u32>,
        #[arg(long)]
        from: chrono::NaiveDate,
    },
    /// Discharge a patient on a day; schedules aftercare check-ins at 30, 60 and 90 days.
    Discharge {
        #[arg(long)]
        patient: i64,
        #[arg(long)]
        on: chrono::NaiveDate,
        #[arg(long, default_value = "10:00")]
        check_in_time: String,
    },
    /// Record attendance (fulfilled, noshow, arrived, checked-in, cancelled).
    Attendance {
        #[arg(long)]
        appointment: i64,
        #[arg(long)]
        status: String,
    },
}

/// Devices, enrollment codes and care teams.
#[derive(Debug, Subcommand)]
enum DeviceCommand {
    /// Issue a one-time enrollment code for a patient's device.
    IssueCode {
        #[arg(long)]
        patient: i64,
    },
    /// List a patient's devices.
    Devices {
        #[arg(long)]
        patient: i64,
    },
    /// Revoke a device at once.
    RevokeDevice {
        #[arg(long)]
        device: i64,
    },
    /// Put a staff member on a patient's care team (the recipients of what the patient shares).
    AssignCareTeam {
        #[arg(long)]
        patient: i64,
        #[arg(long)]
        staff: i64,
    },
    /// Take a staff member off a patient's care team; they see nothing shared from then on.
    UnassignCareTeam {
        #[arg(long)]
        patient: i64,
        #[arg(long)]
        staff: i64,
    },
    /// List a patient's care team.
    CareTeam {
        #[arg(long)]
        patient: i64,
    },
}

fn read_password() -> Result<String, String> {
    eprintln!("password (one line on stdin):");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|_| "could not read the password".to_owned())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Runs one operator command in one transaction with its audit row.
async fn operate<T: Send + 'static>(
    store: &Store,
    action: &'static str,
    work: impl FnOnce(&Connection, &Caller, chrono::DateTime<chrono::Utc>) -> Result<(T, String), Problem>
        + Send
        + 'static,
) -> Result<T, Problem> {
    store
        .run(move |conn| {
            let now = SystemClock.now();
            let (value, target) = work(conn, &Caller::Operator, now)?;
            let entry = AuditEntry {
                actor: Caller::Operator.actor(),
                action: action.into(),
                target,
                outcome: "allowed".into(),
                address: "local".into(),
            };
            audit::append(conn, now, &entry)?;
            Ok(value)
        })
        .await
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Err(message) = run(cli).await {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

async fn run(mut cli: Cli) -> Result<(), String> {
    if cli.database.is_none() {
        cli.database = std::env::var("TIDELINE_DATABASE")
            .ok()
            .filter(|url| !url.is_empty());
    }
    let database = Database::choose(cli.database.as_deref(), &cli.data);
    if let Command::Serve {
        listen,
        tls_cert,
        tls_key,
        behind_tls_proxy,
    } = cli.command
    {
        let config = ServerConfig {
            data_dir: cli.data,
            database: cli.database,
            listen,
            tls: tls_cert.zip(tls_key),
            clock: Arc::new(SystemClock),
            behind_tls_proxy,
        };
        let running = server::start(config)
            .await
            .map_err(|error| error.to_string())?;
        println!("listening on {}", running.address);
        return running.wait().await.map_err(|error| error.to_string());
    }
    if let Command::Copy { from, to } = &cli.command {
        let copied = copy::copy(from, to, SystemClock.now()).map_err(|error| error.to_string())?;
        println!("{copied}");
        return Ok(());
    }
    std::fs::create_dir_all(&cli.data)
        .map_err(|_| "could not create the data directory".to_owned())?;
    let store = Store::connect(&database, &cli.data)
        .map_err(|_| "could not open the database".to_owned())?;
    match cli.command {
        Command::Serve { .. } | Command::Copy { .. } => Ok(()),
        Command::Migrate => {
            println!("the database is at the current schema");
            Ok(())
        }
        Command::People(command) => people(&store, command).await,
        Command::Care(command) => care(&store, command).await,
        Command::Devices(command) => devices(&store, command).await,
        Command::VerifyAudit => verify_audit(&store).await,
    }
}

async fn people(store: &Store, command: PeopleCommand) -> Result<(), String> {
    let show = |problem: Problem| problem.to_string();
    match command {
        PeopleCommand::CreateClinic {
            name,
            admin_email,
            admin_name,
        } => {
            let hash = staff::hash_password(&read_password()?).map_err(show)?;
            let (clinic, admin) = operate(store, "create clinic", move |conn, caller, now| {
                let clinic_id = staff::create_clinic(conn, caller, &name, now)?;
                let new = staff::NewStaff {
                    clinic_id,
                    email: admin_email,
                    display_name: admin_name,
                    password_hash: hash,
                    admin: true,
                };
                let staff_id = staff::create_staff(conn, caller, &new, now)?;
                Ok((
                    (clinic_id, staff_id),
                    format!("clinic/{clinic_id} Practitioner/{staff_id}"),
                ))
            })
            .await
            .map_err(show)?;
            println!("clinic {clinic} created; administrator staff id {admin}");
        }
        PeopleCommand::CreateStaff {
            clinic,
            email,
            name,
            admin,
        } => {
            let hash = staff::hash_password(&read_password()?).map_err(show)?;
            let id = operate(store, "create staff", move |conn, caller, now| {
                let new = staff::NewStaff {
                    clinic_id: clinic,
                    email,
                    display_name: name,
                    password_hash: hash,
                    admin,
                };
                let id = staff::create_staff(conn, caller, &new, now)?;
                Ok((id, format!("Practitioner/{id}")))
            })
            .await
            .map_err(show)?;
            println!("staff {id} created");
        }
        PeopleCommand::CreatePatient {
            clinic,
            given,
            family,
        } => {
            let id = operate(store, "create Patient", move |conn, caller, now| {
                let id = patient::create(conn, caller, clinic, &given, &family, now)?;
                Ok((id, format!("Patient/{id}")))
            })
            .await
            .map_err(show)?;
            println!("patient {id} created");
        }
        PeopleCommand::CreateProgram {
            clinic,
            name,
            time_zone,
            level,
            target_minutes,
        } => {
            let level = LevelOfCare::from_code(&level).ok_or("unknown level of care")?;
            let spec = program::ProgramSpec {
                name,
                time_zone,
                level,
                weekly_target_minutes: target_minutes,
            };
            let id = operate(store, "create program", move |conn, caller, _| {
                let id = program::create_program(conn, caller, clinic, &spec)?;
                Ok((id, format!("program/{id}")))
            })
            .await
            .map_err(show)?;
            println!("program {id} created");
        }
        PeopleCommand::AddMember {
            program: program_id,
            patient: patient_id,
        } => {
            let created = operate(store, "add program member", move |conn, caller, now| {
                let created = program::add_member(conn, caller, program_id, patient_id, now)?;
                Ok((
                    created,
                    format!("program/{program_id} Patient/{patient_id}"),
                ))
            })
            .await
            .map_err(show)?;
            println!("patient {patient_id} added; {created} appointments booked");
        }
    }
    Ok(())
}

async fn care(store: &Store, command: CareCommand) -> Result<(), String> {
    let show = |problem: Problem| problem.to_string();
    match command {
        CareCommand::Schedule {
            program,
            first_day,
            weekdays,
            start,
            end,
            weeks,
            end_date,
            kind,
            topic,
            place,
            video_link,
        } => {
            let recurrence = ScheduleRequest {
                first_day,
                weeks,
                weekdays,
                start,
                end,
                end_date,
                kind: None,
                topic: None,
                place: None,
                video_link: None,
            }
            .recurrence()
            .map_err(show)?;
            schedule(store, program, recurrence, (kind, topic, place, video_link)).await?;
        }
        CareCommand::Mark {
            appointment: id,
            mark,
            minutes,
        } => {
            let mark = Attendance::from_parts(&mark, minutes)
                .ok_or("unknown mark, or minutes missing or not allowed for it")?;
            operate(store, "mark attendance", move |conn, caller, now| {
                let stored = appointment::mark_attendance(conn, caller, id, mark, now)?;
                Ok((
                    (),
                    format!("Appointment/{id} Patient/{}", stored.patient_id),
                ))
            })
            .await
            .map_err(show)?;
            println!("attendance recorded");
        }
        CareCommand::SetLevel {
            patient,
            program,
            level,
            target_minutes,
            from,
        } => {
            let level = LevelOfCare::from_code(&level).ok_or("unknown level of care")?;
            let change = course::LevelChange {
                program_id: program,
                level,
                weekly_target_minutes: target_minutes,
                from,
            };
            let id = operate(store, "set level of care", move |conn, caller, now| {
                let id = course::set_level(conn, caller, patient, &change, now)?;
                Ok((id, format!("Patient/{patient} EpisodeOfCare/{id}")))
            })
            .await
            .map_err(show)?;
            println!("level of care {id} recorded");
        }
        CareCommand::Discharge {
            patient,
            on,
            check_in_time,
        } => {
            let time = tideline_clinic::http::program::time(&check_in_time).map_err(show)?;
            let done = operate(store, "discharge", move |conn, caller, now| {
                let done = course::discharge(conn, caller, patient, on, time, now)?;
                let target = format!("Patient/{patient} EpisodeOfCare/{}", done.aftercare_episode);
                Ok((done, target))
            })
            .await
            .map_err(show)?;
            println!(
                "discharged; {} aftercare check-ins scheduled, {} later sessions cancelled",
                done.check_ins.len(),
                done.cancelled
            );
        }
        CareCommand::Attendance {
            appointment: appointment_id,
            status,
        } => {
            let status = AppointmentStatus::from_code(&status)
                .ok_or("status must be a FHIR appointment status")?;
            operate(store, "record attendance", move |conn, caller, now| {
                let stored =
                    appointment::record_attendance(conn, caller, appointment_id, status, now)?;
                Ok((
                    (),
                    format!("Appointment/{appointment_id} Patient/{}", stored.patient_id),
                ))
            })
            .await
            .map_err(show)?;
            println!("appointment {appointment_id} is now {}", status.code());
        }
    }
    Ok(())
}

/// Schedules a program's sessions (`schedule`).
async fn schedule(
    store: &Store,
    program_id: i64,
    recurrence: tideline_clinic::program::Recurrence,
    (kind, topic, place, video_link): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
) -> Result<(), String> {
    let show = |problem: Problem| problem.to_string();
    let kind = match kind {
        Some(code) => Some(SessionKind::from_code(&code).ok_or("unknown session kind")?),
        None => None,
    };
    let details =
        tideline_clinic::http::program::details(kind, topic, place, video_link).map_err(show)?;
    let created = operate(store, "schedule sessions", move |conn, caller, now| {
        let created =
            program::schedule_sessions(conn, caller, program_id, &recurrence, &details, now)?.len();
        Ok((created, format!("program/{program_id}")))
    })
    .await
    .map_err(show)?;
    println!("{created} sessions scheduled");
    Ok(())
}

async fn devices(store: &Store, command: DeviceCommand) -> Result<(), String> {
    let show = |problem: Problem| problem.to_string();
    match command {
        DeviceCommand::IssueCode {
            patient: patient_id,
        } => {
            let issued = operate(store, "issue enrollment code", move |conn, caller, now| {
                Ok((
                    enrollment::issue_code(conn, caller, patient_id, now)?,
                    format!("Patient/{patient_id}"),
                ))
            })
            .await
            .map_err(show)?;
            println!(
                "{} (valid until {})",
                issued.code,
                issued.expires_at.to_rfc3339()
            );
        }
        DeviceCommand::Devices {
            patient: patient_id,
        } => {
            let devices = operate(store, "list devices", move |conn, caller, _| {
                Ok((
                    enrollment::list_devices(conn, caller, patient_id)?,
                    format!("Patient/{patient_id}"),
                ))
            })
            .await
            .map_err(show)?;
            for device in devices {
                let revoked = device.revoked_at.map_or_else(
                    || "active".to_owned(),
                    |at| format!("revoked {}", at.to_rfc3339()),
                );
                println!(
                    "device {} enrolled {} {revoked}",
                    device.id,
                    device.enrolled_at.to_rfc3339()
                );
            }
        }
        DeviceCommand::RevokeDevice { device } => {
            operate(store, "revoke device", move |conn, caller, now| {
                let patient_id = enrollment::revoke_device(conn, caller, device, now)?;
                Ok(((), format!("device/{device} Patient/{patient_id}")))
            })
            .await
            .map_err(show)?;
            println!("device {device} revoked");
        }
        DeviceCommand::AssignCareTeam { patient, staff } => {
            let added = operate(store, "assign care team", move |conn, caller, now| {
                let added = care_team::assign(conn, caller, patient, staff, now)?;
                Ok((
                    added,
                    format!("CareTeam/{patient} Patient/{patient} Practitioner/{staff}"),
                ))
            })
            .await
            .map_err(show)?;
            let already = if added { "" } else { " (already on it)" };
            println!("staff {staff} is on patient {patient}'s care team{already}");
        }
        DeviceCommand::UnassignCareTeam { patient, staff } => {
            let removed = operate(store, "unassign care team", move |conn, caller, _| {
                let removed = care_team::unassign(conn, caller, patient, staff)?;
                Ok((
                    removed,
                    format!("CareTeam/{patient} Patient/{patient} Practitioner/{staff}"),
                ))
            })
            .await
            .map_err(show)?;
            let was = if removed { "" } else { " (was not on it)" };
            println!("staff {staff} is off patient {patient}'s care team{was}");
        }
        DeviceCommand::CareTeam { patient } => {
            let members = operate(store, "list care team", move |conn, _, _| {
                Ok((
                    care_team::members(conn, patient)?,
                    format!("CareTeam/{patient} Patient/{patient}"),
                ))
            })
            .await
            .map_err(show)?;
            for member in members {
                println!(
                    "staff {} {} since {}",
                    member.staff_id,
                    member.display_name,
                    member.assigned_at.to_rfc3339()
                );
            }
        }
    }
    Ok(())
}

async fn verify_audit(store: &Store) -> Result<(), String> {
    let show = |problem: Problem| problem.to_string();
    let verified = store
        .run(|conn| Ok(audit::verify_and_checkpoint(conn, SystemClock.now())))
        .await
        .map_err(show)?;
    match verified {
        Ok(audit::Verified {
            rows,
            since: Some(since),
        }) => println!(
            "audit trail intact: {rows} rows ({since} at the last checkpoint); checkpoint written"
        ),
        Ok(audit::Verified { rows, since: None }) => {
            println!("audit trail intact: {rows} rows; first checkpoint written")
        }
        Err(broken) => return Err(broken.to_string()),
    }
    Ok(())
}
