//! Domain model specifications: validation, derived values, JSON shapes, TypeScript bindings and the
//! reminder planner.

mod bindings;
mod crisis;
mod fixtures;
mod halt;
mod insights;
mod journal;
mod program;
mod reminder;
mod reminder_delivery;
mod reminder_props;
mod session;
mod shapes;
mod stored_json;
mod time;
