// Package amazon reads what Amazon itself says about a person's orders:
// the order-history exports of "Request your data" and of the アマゾン注文履歴フィルタ
// browser extension, Amazon's refund exports, and Amazon's refund and
// cancellation mails. Each file's kind is found from its content (the CSV
// header, the mail's header fields), never from its name.
//
// # Order history
//
// Retail.OrderHistory.N.csv (until 2025): UTF-8 with BOM, every field quoted,
// one row per item per shipment.
//
//	"Website","Order ID","Order Date",…,"Currency",…,"Total Owed","Shipment Item Subtotal",…,"Payment Instrument Type",…,"Ship Date",…,"Carrier Name & Tracking Number",…
//
// Order History.csv (2025 on): the same columns in alphabetical order, with
// Total Amount for Total Owed and Payment Method Type for Payment Instrument
// Type, and thousands commas in amounts.
//
// In both, an order's total is the sum of its rows' Total Owed (Total
// Amount), each row being one item's charged amount after tax, shipping and
// discounts. Rows with the same Ship Date, tracking number and Shipment Item
// Subtotal form one shipment, charged on its own; Shipment Item Subtotal
// repeats on every row of a shipment, so it is never added up. Rows whose
// Ship Date is Not Available belong to no shipment. Order and ship times are
// UTC; they become days in the marketplace's local time (see Zone).
//
// Digital Items.csv: one row per digital item of a D01- order; the order's
// total is the sum of OurPrice and OurPriceTax.
//
// アマゾン注文履歴フィルタ CSV: one row per item, with pseudo-rows. The row
// （注文全体） carries the order's billed amount (請求額, else 注文合計), and each
// （クレジットカードへの請求） row a card charge: its date (クレカ請求日) and amount
// (クレカ請求額), which become the order's shipments. The older layout (2018
// and before) has the same header and no pseudo-rows: each item row repeats
// its order's 請求額 (else 注文合計) and card charge, which must agree from
// row to row; each charge counts once.
//
// Amazon.com's older Order History Reports (amazon.com/gp/b2b/reports,
// retired about 2023), month-first dates (03/02/26) and dollar amounts
// ($12.04): the items report (Order Date,Order ID,Title,Category,…,Item
// Total,…,Currency,…), whose order total is the sum of its Item Total, and
// the orders and shipments report (Order Date,Order ID,…,Shipment Date,…,
// Total Charged,…), one row per shipment. Rows with the same Shipment Date
// and tracking number make one shipment.
//
// # Refunds
//
// Retail.OrdersReturned.Payments.N.csv: one row per refund paid
// (OrderID, RefundCompletionDate, Currency, AmountRefunded, Status). Rows
// without a completion date (Not Applicable, N/A) or whose Status is not
// Completed are skipped and counted.
//
// Refund Details.csv (2025 on): Order ID, Refund Date, Refund Amount,
// Currency, Reversal Status, Website; only rows whose Reversal Status is
// Completed count.
//
// The refunds report of Amazon.com's older Order History Reports (Order
// Date,Order ID,Title,…,Refund Date,Refund Condition,Refund Amount,Refund
// Tax Amount,…): one row per refunded item; the amount is Refund Amount
// plus Refund Tax Amount, the day Refund Date (month first); rows without
// a Refund Date are skipped and counted.
//
// Each becomes a refund confirmation dated on the refund day.
//
// # Mails
//
// A mail (.eml, RFC 5322) is decoded with enmime: any declared charset
// (UTF-8, ISO-2022-JP, Shift_JIS …), quoted-printable or base64, multipart.
// Every Amazon order id in its subject, text and HTML (links included) is
// confirmed on the day of its Date header. The kind is refund when the mail
// speaks of a refund (refund, 返金, Erstattung, remboursement, rimborso,
// reembolso), cancel otherwise. The amount is read only from a mail about a
// single order, after a refund label (Total refund, Refund total, 返金額 …),
// or when every amount the mail states is the same.
//
// Only a mail sent from one of Amazon's marketplace domains (amazon.co.jp,
// amazon.com, amazon.de … and their subdomains, payments.amazon.com)
// confirms: the person's own mail (Sent mail, a forward) names orders and
// asks for refunds but is no word from Amazon. Nor is a return request
// ("we'll issue a refund once we receive your return"): its refund is yet
// to come. Both are left out and counted, as are the other Amazon mails that
// are no refund or cancellation notice.
package amazon
