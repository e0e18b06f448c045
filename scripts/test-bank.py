#!/usr/bin/env python3
"""A test bank for trying the bank loop by hand: writes the camt.053.001.02 statement a bank would send back.

It debits the account with every payment of one or more pain.001 files (their EndToEndIds, amounts and payees, as a
bank executes a batch) and credits it with the payments given by --credit, e.g. a municipality paying its levy invoice
with the invoice's RF reference. Opening plus the entries is the closing balance, to the cent. Each entry gets the
bank's own reference (AcctSvcrRef) TB-<date>-<n>, which the service keys its bookings on and shows as bank_reference.

  python3 scripts/test-bank.py --iban NL91ABNA0417164300 --pain PVO0000001.xml \\
      --credit 3127.50:NL20INGB0001234567:RF18L2026098312345678 --credit 25.00:NL02RABO0123456789 > statement.xml

Standard library only. Not a real bank: for Development and tests.
"""
import argparse
import datetime
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from xml.sax.saxutils import escape

PAIN = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"


def cents(text):
    value = Decimal(text)
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise SystemExit(f"'{text}' is not a positive amount with at most two decimals")
    return int(value * 100)


def amount(c):
    return f"{abs(c) // 100}.{abs(c) % 100:02d}"


def debits_of(path, iban):
    """The payments of a pain.001 file whose debtor account is iban (every payment when iban is None)."""
    root = ET.parse(path).getroot()
    ns = {"p": PAIN}
    found = []
    for info in root.iterfind(".//p:PmtInf", ns):
        debtor = info.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=ns)
        if iban is not None and debtor != iban:
            continue
        for tx in info.iterfind("p:CdtTrfTxInf", ns):
            found.append({
                "debtor": debtor,
                "e2e": tx.findtext("p:PmtId/p:EndToEndId", namespaces=ns),
                "cents": cents(tx.findtext("p:Amt/p:InstdAmt", namespaces=ns)),
                "name": tx.findtext("p:Cdtr/p:Nm", namespaces=ns),
                "iban": tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=ns),
            })
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iban", help="the account of the statement (default: the debtor account of the first pain.001)")
    parser.add_argument("--pain", action="append", default=[], help="a pain.001 file whose payments the bank executed")
    parser.add_argument("--credit", action="append", default=[], help="AMOUNT:PAYER_IBAN[:RF reference or text]")
    parser.add_argument("--opening", default="0.00", help="the opening balance (default 0.00)")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the statement's day (default today)")
    args = parser.parse_args()

    debits = [d for path in args.pain for d in debits_of(path, args.iban)]
    iban = args.iban or (debits[0]["debtor"] if debits else None)
    if iban is None:
        raise SystemExit("give --iban, or a --pain file with payments")
    day = datetime.date.fromisoformat(args.date).isoformat()
    opening = int(Decimal(args.opening) * 100)
    entries = [("DBIT", d["cents"], d["e2e"], "Cdtr", d["name"], d["iban"], None, None) for d in debits]
    for spec in args.credit:
        parts = spec.split(":", 2)
        if len(parts) < 2:
            raise SystemExit(f"--credit '{spec}' is AMOUNT:PAYER_IBAN[:reference]")
        ref = parts[2] if len(parts) == 3 else None
        structured = ref if ref and ref.upper().startswith("RF") else None
        text = None if structured else ref
        entries.append(("CRDT", cents(parts[0]), None, "Dbtr", None, parts[1], structured, text))
    closing = opening + sum(c if sign == "CRDT" else -c for sign, c, *_ in entries)

    def balance(code, c):
        return (f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{amount(c)}</Amt>"
                f"<CdtDbtInd>{'DBIT' if c < 0 else 'CRDT'}</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>")

    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>',
           f"<GrpHdr><MsgId>TB-{day}</MsgId><CreDtTm>{day}T18:00:00</CreDtTm></GrpHdr>",
           f"<Stmt><Id>TB-{iban}-{day}</Id><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>",
           balance("OPBD", opening), balance("CLBD", closing)]
    for n, (sign, c, e2e, party, name, other, structured, text) in enumerate(entries, start=1):
        remittance = ""
        if structured or text:
            remittance = "<RmtInf>" + (f"<Ustrd>{escape(text)}</Ustrd>" if text else "") + (
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp>"
                f"<Ref>{escape(structured)}</Ref></CdtrRefInf></Strd>" if structured else "") + "</RmtInf>"
        parties = (f"<{party}><Nm>{escape(name)}</Nm></{party}>" if name else "") + (
            f"<{party}Acct><Id><IBAN>{other}</IBAN></Id></{party}Acct>" if other else "")
        out.append(f"<Ntry><Amt Ccy=\"EUR\">{amount(c)}</Amt><CdtDbtInd>{sign}</CdtDbtInd><Sts>BOOK</Sts>"
                   f"<BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>"
                   f"<AcctSvcrRef>TB-{day.replace('-', '')}-{n}</AcctSvcrRef>"
                   f"<NtryDtls><TxDtls><Refs><EndToEndId>{escape(e2e or 'NOTPROVIDED')}</EndToEndId></Refs>"
                   f"<RltdPties>{parties}</RltdPties>{remittance}</TxDtls></NtryDtls></Ntry>")
    out.append("</Stmt></BkToCstmrStmt></Document>")
    sys.stdout.write("".join(out) + "\n")


if __name__ == "__main__":
    main()
