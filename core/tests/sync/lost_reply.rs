//! A reply lost on the way back: the clinic stored the answer, the app never heard. A small relay
//! between app and server forwards requests and, when told to, swallows the next answer's reply and
//! hangs up, exactly what a dropped connection after the server's commit looks like to the app.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use ring::rand::SystemRandom;
use tideline_core::error::ErrorCode;
use tideline_core::session::ParticipantResponse;
use tideline_core::sync;
use tideline_wire::ParticipationStatus;

use crate::support::{now, Clinic, Device};

struct Relay {
    address: SocketAddr,
    swallow_next_answer: Arc<AtomicBool>,
}

impl Relay {
    fn start(upstream: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let swallow_next_answer = Arc::new(AtomicBool::new(false));
        let flag = swallow_next_answer.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let flag = flag.clone();
                std::thread::spawn(move || {
                    let _ = relay(client, upstream, &flag);
                });
            }
        });
        Relay {
            address,
            swallow_next_answer,
        }
    }
}

/// One HTTP/1.1 message (head and `Content-Length` body); `None` when the peer closed.
pub(crate) fn read_message(from: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    loop {
        let mut line = Vec::new();
        if from.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        message.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
    }
    let head = String::from_utf8_lossy(&message).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |value| value.trim().parse().unwrap());
    let mut body = vec![0; length];
    from.read_exact(&mut body)?;
    message.extend_from_slice(&body);
    Ok(Some(message))
}

fn relay(client: TcpStream, upstream: SocketAddr, swallow: &AtomicBool) -> std::io::Result<()> {
    let server = TcpStream::connect(upstream)?;
    let mut from_client = BufReader::new(client.try_clone()?);
    let mut to_client = client;
    let mut from_server = BufReader::new(server.try_clone()?);
    let mut to_server = server;
    while let Some(request) = read_message(&mut from_client)? {
        to_server.write_all(&request)?;
        let Some(reply) = read_message(&mut from_server)? else {
            return Ok(());
        };
        if request.starts_with(b"POST /fhir/AppointmentResponse")
            && swallow.swap(false, Ordering::SeqCst)
        {
            // The server has answered (and so committed); the app gets a closed connection instead.
            return Ok(());
        }
        to_client.write_all(&reply)?;
    }
    Ok(())
}

#[test]
fn an_answer_whose_reply_was_lost_is_resent_and_stored_once() {
    let clinic = Clinic::start(false);
    let upstream: SocketAddr = clinic.url().trim_start_matches("http://").parse().unwrap();
    let relay = Relay::start(upstream);
    let mut device = Device::new();
    sync::connect(
        &mut device.vault,
        &format!("http://{}", relay.address),
        &clinic.issue_code(),
        None,
        now(),
        &SystemRandom::new(),
    )
    .unwrap();
    device.sync().unwrap();
    let id = device.clinic_sessions()[6].0.clone();
    device.answer(&id, ParticipantResponse::Accepted);

    relay.swallow_next_answer.store(true, Ordering::SeqCst);
    let lost = device.sync().unwrap_err();
    assert_eq!(lost.code(), ErrorCode::Offline);
    assert_eq!(
        clinic.answers_for(&id),
        1,
        "the clinic stored it before the reply was lost"
    );
    assert_eq!(
        sync::status(&device.vault).pending,
        1,
        "without a reply the app cannot know: the answer stays in the outbox"
    );

    let report = device.sync().unwrap();
    assert_eq!(report.answers_sent, 1);
    assert_eq!(sync::status(&device.vault).pending, 0);
    assert_eq!(clinic.answers_for(&id), 1, "the resend is stored once");
    assert_eq!(
        clinic.participant_status(&id),
        ParticipationStatus::Accepted
    );
}
