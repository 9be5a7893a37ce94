// Entry point of the emulators; the Salesforce and Dataverse parts register their commands here.
System.Console.Error.WriteLine("usage: PartnerKarte.Emulators salesforce|dataverse --port N");
return 2;
