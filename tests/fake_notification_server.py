"""A tiny freedesktop notification server for the tests, on the bus named by the environment.

Run as `python -m tests.fake_notification_server RECORD_FILE`: takes the name
org.freedesktop.Notifications, answers Notify / GetCapabilities / GetServerInformation /
CloseNotification, and writes one JSON line per Notify call (its signature and arguments) to
RECORD_FILE. With FAKE_NOTIFY_CLICK=1 it "clicks" each notification right away: it emits
ActionInvoked(id, "default") and then NotificationClosed(id, 2), as a server does when the user
clicks one. Prints "ready" once the name is owned.
"""

from __future__ import annotations

import itertools
import json
import os
import sys

from jeepney import DBus, DBusAddress, HeaderFields, MessageType, new_method_return, new_signal
from jeepney.io.blocking import open_dbus_connection

PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"


def main(record_file: str) -> None:
    connection = open_dbus_connection(bus="SESSION")
    reply = connection.send_and_get_reply(DBus().RequestName(INTERFACE, 4))
    assert reply.body[0] == 1, reply.body  # primary owner
    emitter = DBusAddress(PATH, interface=INTERFACE)
    ids = itertools.count(1)
    click = os.environ.get("FAKE_NOTIFY_CLICK") == "1"
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type != MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        if member == "Notify":
            notification_id = next(ids)
            with open(record_file, "a", encoding="utf-8") as record:
                record.write(json.dumps({
                    "signature": message.header.fields.get(HeaderFields.signature),
                    "args": [list(arg.items()) if isinstance(arg, dict) else arg
                             for arg in message.body],
                }) + "\n")
            connection.send(new_method_return(message, "u", (notification_id,)))
            if click:
                connection.send(new_signal(emitter, "ActionInvoked", "us",
                                           (notification_id, "default")))
                connection.send(new_signal(emitter, "NotificationClosed", "uu",
                                           (notification_id, 2)))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (["actions", "body"],)))
        elif member == "GetServerInformation":
            connection.send(new_method_return(message, "ssss", ("fake", "tests", "1", "1.2")))
        elif member == "CloseNotification":
            connection.send(new_method_return(message))
            connection.send(new_signal(emitter, "NotificationClosed", "uu", (message.body[0], 3)))


if __name__ == "__main__":
    main(sys.argv[1])
