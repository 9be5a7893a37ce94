namespace PartnerKarte.Text;

/// <summary>The kind of a Japanese phone number, read from its prefix.</summary>
public enum PhoneNumberKind
{
    /// <summary>A fixed line (固定電話): 0 + area code + subscriber number, 10 digits, e.g. 03-1234-5678.</summary>
    FixedLine = 0,
    /// <summary>A mobile phone (携帯電話): 070, 080 or 090, 11 digits.</summary>
    Mobile = 1,
    /// <summary>Toll-free (フリーダイヤル): 0120 (10 digits) or 0800 (11 digits).</summary>
    TollFree = 2,
    /// <summary>An IP phone (IP電話): 050, 11 digits.</summary>
    IpPhone = 3,
    /// <summary>A shared-cost number (ナビダイヤル): 0570, 10 digits.</summary>
    NaviDial = 4,
    /// <summary>A machine-to-machine or pager number: 020, 11 digits.</summary>
    MachineToMachine = 5,
}
