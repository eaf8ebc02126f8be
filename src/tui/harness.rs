//! The synchronous harness: events handled and their effects carried out at once, in this
//! thread. Tests and scripted use drive the dashboard this way; the event loop (`run`) uses
//! `on_event` and a `Worker` instead, so its keys never wait on the disk.

use super::app::App;
use super::effect::{Effect, Receive, Reply, perform_streaming};
use ratatui::crossterm::event::Event;
use std::collections::VecDeque;

impl Receive for App {
    fn receive(&mut self, reply: Reply) -> Vec<Effect> {
        App::receive(self, reply)
    }
}

impl App {
    pub fn handle_event(&mut self, ev: &Event) -> bool {
        let (redraw, effects) = self.on_event(ev);
        self.perform_now(effects);
        redraw
    }

    /// Carries out `effects` and whatever their replies ask for, until none is left.
    pub fn perform_now(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(e) = queue.pop_front() {
            let mut early = Vec::new();
            let last = perform_streaming(e, &mut |r| early.push(r));
            for r in early.into_iter().chain([last]) {
                let more = self.receive(r);
                queue.extend(more);
            }
        }
    }

    /// Checks the file for outside changes now. Returns whether the dashboard changed.
    pub fn check_disk(&mut self) -> bool {
        let before = self.warning.clone();
        let effects = self.tick();
        self.perform_now(effects);
        self.warning != before
    }
}
