#!/usr/bin/env python3
"""Writes Sources/DunetraceCore/Syscalls/StraceXlatTables.swift: strace 6.1's value tables
(src/xlat/NAME.in of its source tree) that are too long to copy by hand, each with explicit
values. An entry without a value, or with a C expression (`K(KT_FN,0)`), gets the one its
macro has: the input event, PTP, GPIO and KD tables from the host's kernel headers, the V4L2
ones from strace's own headers (as strace builds them), found by compiling a small C program
with cc. One string literal per table (long literal arrays are slow to type-check).

Usage: scripts/gen-xlat-tables.py STRACE_SRC/src/xlat > Sources/DunetraceCore/Syscalls/StraceXlatTables.swift"""
import os
import re
import subprocess
import sys
import tempfile

HOST_TABLES = [("kvm_cap", "kvmCapabilities", "KVM_CAP_???"), ("hdio_drive_cmds", "ataCommands", "ATA_CMD_???"),
          ("evdev_abs", "evdevAxes", "ABS_???"), ("evdev_ev", "evdevTypes", "EV_???"),
          ("evdev_autorepeat", "evdevAutorepeat", "REP_???"), ("evdev_ff_status", "evdevForceFeedbackStatus", "FF_STATUS_???"),
          ("evdev_ff_types", "evdevForceFeedbackTypes", "FF_???"), ("evdev_keycode", "evdevKeys", "KEY_???"),
          ("evdev_leds", "evdevLeds", "LED_???"), ("evdev_misc", "evdevMisc", "MSC_???"),
          ("evdev_mtslots", "evdevMultitouchSlots", "ABS_MT_???"), ("evdev_prop", "evdevProperties", "PROP_???"),
          ("evdev_relative_axes", "evdevRelativeAxes", "REL_???"), ("evdev_snd", "evdevSounds", "SND_???"),
          ("evdev_switch", "evdevSwitches", "SW_???"), ("ptp_extts_flags", "ptpExternalTimestampFlags", "PTP_???"),
          ("ptp_perout_flags", "ptpPeriodicOutputFlags", "PTP_PEROUT_???"), ("ptp_pin_funcs", "ptpPinFunctions", "PTP_PF_???")]
# Socket option names of the levels strace's print_sockopt_fd_level_name knows beyond
# SOL_SOCKET, SOL_IP, SOL_IPV6 and SOL_TCP (FlagTables.socketOptions maps each level to its table).
SOCKET_OPTION_TABLES = [("sock_" + x + "_options", "socket" + s + "Options", u) for x, s, u in [
    ("vsock", "Vsock", "SO_VM_???"), ("ipx", "Ipx", "IPX_???"), ("ax25", "Ax25", "AX25_???"),
    ("packet", "Packet", "PACKET_???"), ("can_raw", "CanRaw", "CAN_RAW_???"), ("sctp", "Sctp", "SCTP_???"),
    ("raw", "Raw", "RAW_???"), ("netlink", "Netlink", "NETLINK_???"), ("udp", "Udp", "UDP_???"),
    ("irda", "Irda", "IRLMP_???"), ("llc", "Llc", "LLC_OPT_???"), ("dccp", "Dccp", "DCCP_SOCKOPT_???"),
    ("tipc", "Tipc", "TIPC_???"), ("rxrpc", "Rxrpc", "RXRPC_???"), ("pppol2tp", "Pppol2tp", "PPPOL2TP_SO_???"),
    ("bluetooth", "Bluetooth", "BT_???"), ("pnp", "Pnp", "PNPIPE_???"), ("rds", "Rds", "RDS_???"),
    ("iucv", "Iucv", "SO_???"), ("caif", "Caif", "CAIFSO_???"), ("alg", "Alg", "ALG_???"),
    ("nfcllcp", "Nfcllcp", "NFC_LLCP_???"), ("kcm", "Kcm", "KCM_???"), ("tls", "Tls", "TLS_???"),
    ("xdp", "Xdp", "XDP_???"),
]]
HOST_TABLES += SOCKET_OPTION_TABLES  # netlink's and raw's .in give no values: the host's headers do
# The headers that define the constants of tables whose .in has no values.
HOST_HEADERS = ["linux/input.h", "linux/ptp_clock.h", "sys/socket.h", "linux/netlink.h", "linux/icmp.h"]
# Tables whose .in lists one name several times, once per architecture (scmvals: SO_TIMESTAMP_OLD
# is 29 on x86-64, 0x4012 on parisc): every value from the host's headers, as strace builds them.
HOST_VALUED_TABLES = [("scmvals", "controlMessageSocketTypes", "SCM_???")]
# A name an .in file gives no value that another table of this run gives one (ip_cmsg_types'
# SCM_SECURITY): that value.
SHARED_NAMES = ["ip_cmsg_types"]
# The bpf(2) tables and the IP control message types: their .in files carry their values.
VALUED_TABLES = [("ip_cmsg_types", "controlMessageIpTypes", "IP_???")] + [
    ("bpf_" + x, "bpf" + s, u) for x, s, u in [
        ("map_types", "MapTypes", "BPF_MAP_TYPE_???"), ("map_flags", "MapFlags", "BPF_F_???"),
        ("prog_types", "ProgramTypes", "BPF_PROG_TYPE_???"), ("prog_flags", "ProgramFlags", "BPF_F_???"),
        ("attach_type", "AttachTypes", "BPF_???"), ("attach_flags", "AttachFlags", "BPF_F_???"),
        ("file_mode_flags", "FileModeFlags", "BPF_F_???"), ("map_lookup_elem_flags", "LookupFlags", "BPF_???"),
        ("map_update_elem_flags", "UpdateFlags", "BPF_???"), ("query_flags", "QueryFlags", "BPF_F_QUERY_???"),
        ("task_fd_type", "TaskFdTypes", "BPF_FD_TYPE_???"), ("test_run_flags", "TestRunFlags", "BPF_F_???"),
        ("link_create_kprobe_multi_flags", "KprobeMultiFlags", "BPF_F_???"),
    ]
] + [("ebpf_" + x, "ebpf" + s, u) for x, s, u in [
    ("regs", "Registers", "BPF_REG_???"), ("class", "Classes", "BPF_???"), ("size", "Sizes", "BPF_???"),
    ("mode", "Modes", "BPF_???"), ("op_alu", "AluOperations", "BPF_???"), ("op_jmp", "JumpOperations", "BPF_???"),
]]

def header_values(names):
    """The values the host's headers give these names (a name they lack is left out)."""
    program = "".join("#include <%s>\n" % h for h in HOST_HEADERS) + "#include <stdio.h>\nint main(void) {\n"
    for name in names:
        program += '#ifdef %s\nprintf("%%llx %s\\n", (unsigned long long)(%s));\n#endif\n' % (name, name, name)
    program += "return 0;\n}\n"
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "v.c"), "w") as f:
            f.write(program)
        subprocess.run(["cc", "-o", os.path.join(d, "v"), os.path.join(d, "v.c")], check=True)
        out = subprocess.run([os.path.join(d, "v")], check=True, capture_output=True, text=True).stdout
    return {n: int(v, 16) for v, n in (line.split() for line in out.splitlines())}
TABLES = [("kvm_cap", "kvmCapabilities", "KVM_CAP_???"), ("hdio_drive_cmds", "ataCommands", "ATA_CMD_???")] + HOST_TABLES[2:] + [
    ("v4l2_" + xlat, "video" + swift, unknown) for xlat, swift, unknown in [
        ("buf_types", "BufferTypes", "V4L2_BUF_TYPE_???"), ("buf_flags", "BufferFlags", "V4L2_BUF_FLAG_???"),
        ("buf_flags_ts_type", "TimestampTypes", "V4L2_BUF_FLAG_TIMESTAMP_???"),
        ("buf_flags_ts_src", "TimestampSources", "V4L2_BUF_FLAG_TSTAMP_SRC_???"),
        ("capture_modes", "CaptureModes", "V4L2_MODE_???"), ("colorspaces", "Colorspaces", "V4L2_COLORSPACE_???"),
        ("control_classes", "ControlClasses", "V4L2_CTRL_CLASS_???"), ("control_flags", "ControlFlags", "V4L2_CTRL_FLAG_???"),
        ("control_ids", "ControlIds", "V4L2_CID_???"), ("control_query_flags", "ControlQueryFlags", "V4L2_CTRL_FLAG_NEXT_???"),
        ("control_types", "ControlTypes", "V4L2_CTRL_TYPE_???"),
        ("device_capabilities_flags", "DeviceCapabilities", "V4L2_CAP_???"), ("fields", "Fields", "V4L2_FIELD_???"),
        ("format_description_flags", "FormatFlags", "V4L2_FMT_FLAG_???"),
        ("frameinterval_types", "FrameIntervalTypes", "V4L2_FRMIVAL_TYPE_???"),
        ("framesize_types", "FrameSizeTypes", "V4L2_FRMSIZE_TYPE_???"), ("input_types", "InputTypes", "V4L2_INPUT_TYPE_???"),
        ("memories", "Memories", "V4L2_MEMORY_???"), ("meta_fmts", "MetaFormats", "V4L2_META_FMT_???"),
        ("pix_fmts", "PixelFormats", "V4L2_PIX_FMT_???"), ("sdr_fmts", "SdrFormats", "V4L2_SDR_FMT_???"),
        ("sliced_flags", "SlicedFlags", "V4L2_SLICED_???"), ("streaming_capabilities", "StreamingCapabilities", "V4L2_CAP_???"),
        ("tuner_audmodes", "TunerAudioModes", "V4L2_TUNER_MODE_???"),
        ("tuner_capabilities", "TunerCapabilities", "V4L2_TUNER_CAP_???"),
        ("tuner_rxsubchanses", "TunerSubchannels", "V4L2_TUNER_SUB_???"), ("tuner_types", "TunerTypes", "V4L2_TUNER_???"),
        ("vbi_flags", "VbiFlags", "V4L2_VBI_???"),
    ]
]
HEADERS = ["<stdint.h>", "\"kernel_v4l2_types.h\""]  # strace's own, with the names newer headers dropped

# Tables whose entries may be C expressions over the host's headers (gpio_*, kd_*).
EXPRESSION_TABLES = [
    ("gpio_" + x, "gpio" + s, u) for x, s, u in [
        ("event_flags", "EventFlags", "GPIOEVENT_REQUEST_???"), ("handle_flags", "HandleFlags", "GPIOHANDLE_REQUEST_???"),
        ("line_flags", "LineFlags", "GPIOLINE_FLAG_???"), ("v2_line_flags", "V2LineFlags", "GPIO_V2_LINE_FLAG_???"),
    ]
] + [
    ("kd_" + x, "kd" + s, u) for x, s, u in [
        ("default_led_flags", "DefaultLedFlags", "LED_???"), ("led_flags", "LedFlags", "LED_???"),
        ("kbd_modes", "KeyboardModes", "K_???"), ("kbd_types", "KeyboardTypes", "KB_???"),
        ("keymap_flags", "KeymapFlags", "K_???"), ("key_tables", "KeyTables", "K_???"), ("key_types", "KeyTypes", "KT_???"),
        ("key_fn_keys", "FunctionKeys", ""), ("key_fn_key_vals", "FunctionKeyValues", "KVAL(K_???)"),
        ("key_spec_keys", "SpecialKeys", ""), ("key_pad_keys", "PadKeys", ""), ("key_dead_keys", "DeadKeys", ""),
        ("key_cur_keys", "CursorKeys", ""), ("key_shift_keys", "ShiftKeys", ""), ("key_ascii_keys", "AsciiKeys", ""),
        ("key_lock_keys", "LockKeys", ""), ("key_slock_keys", "StickyLockKeys", ""), ("key_brl_keys", "BrailleKeys", ""),
        ("meta_vals", "MetaValues", "K_???"), ("modes", "Modes", "KD_???"),
        ("font_flags", "FontFlags", "KD_FONT_FLAG_???"), ("font_ops", "FontOperations", "KD_FONT_OP_???"),
    ]
]
EXPRESSION_HEADERS = ["linux/kd.h", "linux/keyboard.h", "linux/gpio.h"]
TABLES += EXPRESSION_TABLES + HOST_VALUED_TABLES + VALUED_TABLES

def entries(path):
    out = []
    for line in open(path):
        line = re.sub(r"/\*.*?\*/", "", line).strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"([A-Za-z0-9_]+)\s+(\(?[0-9xXa-fA-FuUlL<() ]+\)?)$", line)
        if m:
            out.append((m.group(1), eval(re.sub(r"[uUlL]", "", m.group(2)))))
            continue
        m = re.match(r"(\S+)\s+(\S.*)$", line)
        if m:
            out.append((m.group(1), m.group(2)))  # a C expression
        elif re.match(r"\S+$", line):
            out.append((line, None))  # a name, or an expression that is its own name (`LED_SCR<<4`)
        else:
            sys.exit("gen-xlat-tables: %s: no value in %r" % (path, line))
    return out

def macro_values(names):
    """The values of the macros `names` in strace's bundled uapi headers."""
    if not names:
        return {}
    src = os.path.join(sys.argv[1], "..")
    uapi = os.path.join(src, "..", "bundled", "linux", "include", "uapi")
    with tempfile.TemporaryDirectory() as scratch:
        source = os.path.join(scratch, "values.c")
        with open(source, "w") as c:
            c.write("#include <stdio.h>\n" + "".join("#include %s\n" % h for h in HEADERS) + "int main(void) {\n")
            for name in sorted(names):
                c.write('printf("%%llx %s\\n", (unsigned long long) (%s));\n' % (name, name))
            c.write("return 0;\n}\n")
        program = os.path.join(scratch, "values")
        subprocess.run(["cc", "-w", "-I", src, "-I", os.path.join(src, "linux", "x86_64"), "-I", os.path.join(src, "linux", "generic"), "-I", uapi, "-o", program, source], check=True)
        lines = subprocess.run([program], check=True, capture_output=True, text=True).stdout.split("\n")
    return {name: int(value, 16) for value, name in (line.split(" ") for line in lines if line)}

def evaluate(expressions):
    """The values of C expressions over the UAPI headers, by compiling and running a program."""
    if not expressions:
        return {}
    with tempfile.TemporaryDirectory() as d:
        source = os.path.join(d, "values.c")
        with open(source, "w") as f:
            f.write("".join("#include <%s>\n" % h for h in EXPRESSION_HEADERS) + "#include <stdio.h>\nint main(void) {\n")
            for e in expressions:
                f.write('    printf("%%llx\\n", (unsigned long long) (%s));\n' % e)
            f.write("    return 0;\n}\n")
        subprocess.run(["cc", "-o", os.path.join(d, "values"), source], check=True)
        out = subprocess.run([os.path.join(d, "values")], check=True, capture_output=True, text=True).stdout.split()
    return dict(zip(expressions, (int(v, 16) for v in out)))


print("// Generated by scripts/gen-xlat-tables.py from strace 6.1's src/xlat/*.in: do not edit.")
print("// One `VALUE NAME` a line, in strace's order.")
print("enum StraceXlatTables {")
tables = [(swift, unknown, entries(os.path.join(sys.argv[1], xlat + ".in"))) for xlat, swift, unknown in TABLES]
host_names = {swift for _, swift, _ in HOST_TABLES}
host_valued = {swift for _, swift, _ in HOST_VALUED_TABLES}
expression_names = {swift for _, swift, _ in EXPRESSION_TABLES}
for k, (swift, unknown, table) in enumerate(tables):
    if swift in host_valued:
        names = list(dict.fromkeys(n for n, _ in table))
        known = header_values(names)
        given = {n: v for n, v in table if isinstance(v, int)}
        tables[k] = (swift, unknown, [(n, known.get(n, given.get(n))) for n in names if n in known or n in given])
    elif swift in host_names and any(v is None for _, v in table):
        # The input event and PTP tables: from the host's headers, names it lacks left out.
        known = header_values([n for n, v in table if v is None])
        tables[k] = (swift, unknown, [(n, v if v is not None else known.get(n)) for n, v in table if v is not None or n in known])
    elif swift in expression_names:
        exprs = sorted({n if v is None else v for n, v in table if not isinstance(v, int)})
        known = evaluate(exprs)
        tables[k] = (swift, unknown, [(n, v if isinstance(v, int) else known[n if v is None else v]) for n, v in table])
named = {n: v for _, _, table in tables for n, v in table if isinstance(v, int)}
for k, (swift, unknown, table) in enumerate(tables):
    if swift in {s for x, s, _ in TABLES if x in SHARED_NAMES}:
        tables[k] = (swift, unknown, [(n, named.get(n) if v is None else v) for n, v in table])
values = macro_values({name for _, _, table in tables for name, value in table if value is None})
for swift, unknown, table in tables:
    print("    static let %s = NameTable(unknown: \"%s\", parse(\"\"\"" % (swift, unknown))
    for name, value in table:
        print("%x %s" % (values[name] if value is None else value, name))
    print("\"\"\"))")
print("""
    private static func parse(_ text: String) -> [(UInt64, String)] {
        text.split(separator: "\\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = UInt64(parts[0], radix: 16) else { return nil }
            return (value, String(parts[1]))
        }
    }
}""")
